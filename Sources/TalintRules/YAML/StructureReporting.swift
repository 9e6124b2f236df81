import TalintCore

extension RuleContext {
  /// Reports the structure findings of one kind, judged by the file's release.
  mutating func reportStructure(_ kind: StructureFinding.Kind) {
    for finding in StructureWalk.findings(in: config, release: version) where finding.kind == kind {
      report(finding.message, at: finding.range, keyPath: finding.keyPath)
    }
  }
}
