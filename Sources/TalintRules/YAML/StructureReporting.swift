import Synchronization
import TalintCore

extension RuleContext {
  /// Reports the structure findings of one kind, judged by the file's release.
  mutating func reportStructure(_ kind: StructureFinding.Kind) {
    for finding in StructureFindingsCache.findings(in: config, release: version) where finding.kind == kind {
      // A key Talos's own generator still writes for this release is not the operator's to move.
      if kind == .deprecated, GeneratedKeys.written(finding.keyPath, release: version) { continue }
      report(finding.message, at: finding.range, keyPath: finding.keyPath)
    }
  }
}

/// The five structure rules (`readers`) read one walk of a config: the first to ask walks it,
/// the others find its findings here. An entry holds its documents, so no other config can be taken for
/// it (a freed document's address could otherwise come back); a few entries, as files are
/// linted on several threads at once.
enum StructureFindingsCache {
  private struct Entry: Sendable {
    var documents: [ConfigDocument]
    var release: TalosVersion
    var findings: [StructureFinding]
    /// How many of the structure rules have still to read it; the last one takes it out.
    var readers: Int

    func matches(_ config: TalosConfig, _ release: TalosVersion) -> Bool {
      release == self.release && documents.count == config.documents.count && zip(documents, config.documents).allSatisfy { $0 === $1 }
    }
  }

  private static let entries = Mutex<[Entry]>([])
  /// Enough for the files linted at once; a rule left out by `--ignore` leaves its entry to be
  /// pushed out by later ones.
  private static let capacity = 4
  static let readers = 5

  static func findings(in config: TalosConfig, release: TalosVersion) -> [StructureFinding] {
    if config.documents.isEmpty { return [] }
    let hit = entries.withLock { entries -> [StructureFinding]? in
      guard let index = entries.firstIndex(where: { $0.matches(config, release) }) else { return nil }
      let findings = entries[index].findings
      entries[index].readers -= 1
      if entries[index].readers == 0 { entries.remove(at: index) }
      return findings
    }
    if let hit { return hit }
    let findings = StructureWalk.findings(in: config, release: release)
    entries.withLock { entries in
      if entries.count == capacity { entries.removeFirst() }
      entries.append(Entry(documents: config.documents, release: release, findings: findings, readers: readers - 1))
    }
    return findings
  }
}
