import TalintYAML

/// What fixing one file came to.
public struct FixOutcome: Sendable {
  /// The text after every fix that applied (the original when none did, or when refused).
  public var bytes: [UInt8]
  /// Fixes applied, over all passes.
  public var applied: Int
  /// Why the fixes were not kept: the fixed text would not parse, or the file is not UTF-8.
  public var refusal: String?
}

extension Linter {
  /// Applies the fixes of the file's findings — suppressed ones excepted — and lints again,
  /// until no fix is left (fixes can uncover or overlap others; at most ten passes). A result
  /// that would not parse, or that a template's masking could no longer read, is refused: the
  /// original comes back with the reason. `referrer`: the release of the talconfig or template
  /// that names the file as a patch, which `lint` judges it by.
  public func fixing(_ bytes: [UInt8], path: String, referrer: TalosRelease? = nil) -> FixOutcome {
    let before = lint(bytes: bytes, path: path, referrer: referrer)
    var current = bytes
    var applied = 0
    var diagnostics = before.diagnostics
    for _ in 0..<10 {
      let fixes = diagnostics.filter { $0.suppression == nil }.compactMap(\.fix)
      guard !fixes.isEmpty else { break }
      guard let (next, count) = FixEngine.apply(fixes, to: current) else {
        // Only the original can be refused: what the fixes make of UTF-8 is UTF-8.
        return FixOutcome(bytes: bytes, applied: 0, refusal: FixEngine.refusal(bytes))
      }
      guard count > 0, next != current else { break }
      current = next
      applied += count
      diagnostics = lint(bytes: current, path: path, referrer: referrer).diagnostics
    }
    guard applied > 0 else { return FixOutcome(bytes: bytes, applied: 0, refusal: nil) }
    // TAL002: a fix must not make a key appear twice either.
    let unreadable: Set<String> = [InputProblems.syntaxError.id, InputProblems.templateNotParsed.id, "TAL002"]
    let introduced = diagnostics.filter { unreadable.contains($0.ruleID) }.count > before.diagnostics.filter { unreadable.contains($0.ruleID) }.count
    if introduced {
      return FixOutcome(bytes: bytes, applied: 0, refusal: "the fixed text would not be valid YAML; the file is left as it was")
    }
    return FixOutcome(bytes: current, applied: applied, refusal: nil)
  }
}

extension Linter {
  /// The unified diff of a file before and after its fixes, named from its repository's root
  /// (UnifiedDiff.patchPath), every line that holds a secret masked as other formats mask it
  /// (such a line no longer applies as a patch, by design).
  public func diff(_ old: [UInt8], _ new: [UInt8], path: String) -> String {
    UnifiedDiff.render(old, new, path: UnifiedDiff.patchPath(path), maskOld: masker(old, path: path), maskNew: masker(new, path: path))
  }

  /// Masks a shown line of `bytes` (its text without the break) with the secret spans its
  /// analysis found (the heuristics alone where it does not parse); a line without a secret is
  /// shown exactly as written. The diff cuts lines as the analysis does (LineIndex).
  private func masker(_ bytes: [UInt8], path: String) -> (Int, String) -> String {
    let analysis = analyze(bytes: bytes, path: path)
    let lines = analysis.lines
    return { number, raw in
      guard number <= lines.lineCount else { return raw }
      let text = lines.lineText(number)
      let masked = analysis.failed ? SecretSpans.maskedUnparsed(line: number, lines: lines).text : analysis.secrets.masked(line: number, text: text).text
      guard masked != text else { return raw }
      return (number == 1 && raw.hasPrefix("\u{FEFF}") ? "\u{FEFF}" : "") + masked
    }
  }
}
