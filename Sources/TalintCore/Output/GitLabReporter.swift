/// GitLab Code Quality JSON: findings appear in merge-request widgets, matched across
/// pipelines by their fingerprint.
public enum GitLabReporter {
  struct Issue: Encodable {
    var description: String
    var checkName: String
    var fingerprint: String
    var severity: String
    var location: Location

    enum CodingKeys: String, CodingKey {
      case description, fingerprint, severity, location
      case checkName = "check_name"
    }
  }

  struct Location: Encodable {
    var path: String
    var lines: Lines
  }

  struct Lines: Encodable { var begin: Int }

  public static func render(_ report: Report) -> String {
    var seen: [String: Int] = [:]
    let issues = report.visible.map { diagnostic -> Issue in
      let path = report.relativePath(diagnostic.path)
      let severity: String
      switch diagnostic.severity {
      case .error: severity = "critical"
      case .warning: severity = "major"
      case .info: severity = "info"
      }
      // GitLab needs unique fingerprints: a repeat of the same finding gets its ordinal.
      let base = "\(path)\u{0}\(diagnostic.fingerprint)"
      let ordinal = seen[base, default: 0]
      seen[base] = ordinal + 1
      return Issue(
        description: "\(ControlCharacters.escaped(diagnostic.text)) [\(diagnostic.ruleID)]", checkName: diagnostic.ruleID,
        fingerprint: StableHash.hex(ordinal == 0 ? base : "\(base)\u{0}\(ordinal)"), severity: severity,
        location: Location(path: path, lines: Lines(begin: diagnostic.range.start.line)))
    }
    return JSONReporter.encode(issues)
  }
}
