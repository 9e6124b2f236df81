/// The area a rule belongs to, read from its ID's hundreds digit (TAL1xx: kernel arguments):
/// how `talint rules`, `talint explain` and the rule reference group rules, and a name
/// `--select` and `--ignore` take for all of an area's rules.
public enum RuleCategory: Int, CaseIterable, Sendable {
  case yamlAndInput = 0
  case kernelArguments
  case sysctls
  case controlPlane
  case podSecurity
  case firewall
  case secrets
  case talosAPI

  /// The category of `ruleID` (`TAL1nn` → kernel arguments); nil for an ID outside the scheme.
  public init?(ruleID: String) {
    let digits = ruleID.utf8.dropFirst(3)
    guard ruleID.utf8.starts(with: "TAL".utf8), digits.count == 3, digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
      let category = RuleCategory(rawValue: Int(digits.first! - 0x30))
    else { return nil }
    self = category
  }

  /// The category `name` names (`kernel-arguments`), in any case.
  public init?(named name: String) {
    guard let category = Self.allCases.first(where: { $0.name == name.lowercased() }) else { return nil }
    self = category
  }

  /// What `--select` and `--ignore` take.
  public var name: String {
    switch self {
    case .yamlAndInput: "yaml-and-input"
    case .kernelArguments: "kernel-arguments"
    case .sysctls: "sysctls"
    case .controlPlane: "control-plane"
    case .podSecurity: "pod-security"
    case .firewall: "firewall"
    case .secrets: "secrets"
    case .talosAPI: "talos-api"
    }
  }

  /// As a heading says it.
  public var title: String {
    switch self {
    case .yamlAndInput: "YAML, input and structure"
    case .kernelArguments: "Kernel arguments"
    case .sysctls: "Sysctls"
    case .controlPlane: "Control plane and kubelet flags and configuration"
    case .podSecurity: "Pod Security Admission"
    case .firewall: "Firewall and exposure"
    case .secrets: "Secrets and key material"
    case .talosAPI: "Talos API and machine features"
    }
  }

  /// The IDs it holds, as the docs write them (`TAL1xx`).
  public var ids: String { "TAL\(rawValue)xx" }
}
