/// A control's verdict on one machine.
public enum CISStatus: String, Sendable, CaseIterable {
  case pass = "PASS"
  case fail = "FAIL"
  /// A person must check: kube-bench has no test, or a Manual control's test fails.
  case manual = "MANUAL"
  /// File permissions or runtime state a config cannot show, or a control-plane control on a worker.
  case notApplicable = "NOT APPLICABLE"

  /// The status kube-bench prints for it: MANUAL is kube-bench's WARN, NOT APPLICABLE its INFO.
  public var kubeBench: String {
    switch self {
    case .pass: "PASS"
    case .fail: "FAIL"
    case .manual: "WARN"
    case .notApplicable: "INFO"
    }
  }
}

/// Where a value a user wrote is: `talconfig.yaml:174:9`.
public struct CISLocation: Sendable, Equatable, Hashable {
  public var path: String
  public var line: Int
  public var column: Int

  public var description: String { "\(path):\(line):\(column)" }
}

/// One control decided for one machine: the status, the value and where it comes from
/// ("Talos 1.13 default", or a file and line), and the talint rules that fire for it.
public struct CISResult: Sendable {
  public var control: CISControl
  public var status: CISStatus
  public var evidence: String
  /// Where the deciding value is written, when one of the user's files sets it.
  public var location: CISLocation?
  /// The IDs of the talint rules citing this control that fire on the machine.
  public var rules: [String] = []
}

/// PASS/FAIL/WARN/INFO counts, as kube-bench totals them.
public struct CISCounts: Sendable, Equatable {
  public var pass = 0, fail = 0, warn = 0, info = 0

  public init() {}

  public init<S: Sequence>(_ results: S) where S.Element == CISResult {
    for result in results { add(result.status) }
  }

  public mutating func add(_ status: CISStatus) {
    switch status {
    case .pass: pass += 1
    case .fail: fail += 1
    case .manual: warn += 1
    case .notApplicable: info += 1
    }
  }

  public static func + (lhs: CISCounts, rhs: CISCounts) -> CISCounts {
    var sum = lhs
    sum.pass += rhs.pass
    sum.fail += rhs.fail
    sum.warn += rhs.warn
    sum.info += rhs.info
    return sum
  }

  /// The share of controls the config decides (PASS or FAIL) that pass, in whole percent
  /// (100 when it decides none): what `--fail-under` compares.
  public var score: Int { pass + fail == 0 ? 100 : pass * 100 / (pass + fail) }
}

/// One machine as the report judges it: its merged config, the release it was judged by, and
/// the findings talint's rules make on it (positions index `files`).
public struct CISMachine: Sendable {
  public var name: String
  public var type: MachineType
  public var release: TalosRelease
  public var definedIn: String
  public var config: TalosConfig
  /// The merged config's views (flags, kubelet configuration, Pod Security), walked once.
  public var views: ConfigViews
  public var files: [EffectiveConfig.Source]
  public var findings: [Diagnostic]

  public init(_ effective: EffectiveConfig, findings: [Diagnostic]) {
    name = effective.machine.name
    type = effective.machine.type
    release = effective.release
    definedIn = effective.machine.definedIn
    config = effective.config
    views = effective.config.views
    files = effective.files
    self.findings = findings
  }

  public var typeName: String { type == .controlPlane ? "controlplane" : "worker" }

  /// Where a value of the merged config was written: a user's file and line, or nil for
  /// Talos's generated base.
  func location(of range: SourceRange) -> CISLocation? {
    let file = Int(range.file)
    guard file >= 0, file < files.count, !files[file].generated else { return nil }
    return CISLocation(path: files[file].path, line: range.start.line, column: range.start.column)
  }

  /// "from patches/cp.yaml:12", or "talosctl gen config default (Talos 1.13)".
  func origin(of range: SourceRange) -> String {
    location(of: range).map { "from \($0.path):\($0.line)" } ?? "talosctl gen config default (Talos \(release.version))"
  }
}

/// Every control decided for one machine.
public struct CISMachineReport: Sendable {
  public var machine: CISMachine
  public var results: [CISResult]

  public var counts: CISCounts { CISCounts(results) }

  /// The results of one kube-bench target, in table order.
  public func results(for target: CISControl.Target) -> [CISResult] { results.filter { $0.control.target == target } }
}
