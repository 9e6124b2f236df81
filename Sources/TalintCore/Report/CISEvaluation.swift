import TalintYAML

/// Decides every CIS 1.10 control for a machine, as kube-bench would on the running node where
/// a config decides it: a flag the user sets wins (appended to Talos's own for the additive
/// ones, refused where Talos denies it), then the kubelet configuration key, then what Talos
/// itself passes on the machine's release. A talint rule that cites a control and fires on the
/// machine fails that control too, and is named with it.
public struct CISEvaluator: Sendable {
  /// The IDs of the rules citing each control (`RuleDescription.references`' `.cis`).
  public var rulesByControl: [String: [String]]
  /// The rules that cite one control only: their finding is about that control, so it fails
  /// the control whatever its own test says (TAL318, an audit policy that logs nothing, fails
  /// 3.2.1 although the flag is set). A rule citing several (TAL308: profiling of three
  /// components) is named on the control that fails by its own test.
  public var soleControlRules: Set<String>

  public init(rules: [RuleDescription]) {
    var byControl: [String: [String]] = [:]
    var sole = Set<String>()
    for rule in rules {
      let controls = Set(rule.references.compactMap(\.cisID))
      for id in controls { byControl[id, default: []].append(rule.id) }
      if controls.count == 1 { sole.insert(rule.id) }
    }
    rulesByControl = byControl
    soleControlRules = sole
  }

  public func evaluate(_ machine: CISMachine) -> CISMachineReport {
    CISMachineReport(machine: machine, results: CISControls.all.map { evaluate($0, on: machine) })
  }

  func evaluate(_ control: CISControl, on machine: CISMachine) -> CISResult {
    var result = judge(control, on: machine)
    // Evidence quotes values and rule messages as written: a URL's password or join token in
    // one is masked by its place, as `lint` masks it in messages (SecretSpans).
    result.evidence = SecretSpans.maskingEmbeddedSecrets(in: result.evidence)
    return result
  }

  private func judge(_ control: CISControl, on machine: CISMachine) -> CISResult {
    var result = decide(control, on: machine)
    guard result.status != .notApplicable, let ruleIDs = rulesByControl[control.id] else { return result }
    // A finding in Talos's generated base is not the user's to fix (`lint` drops them too).
    let fired = machine.findings.filter { ruleIDs.contains($0.ruleID) && machine.location(of: $0.range) != nil }
    if result.status == .pass {
      let deciding = fired.filter { soleControlRules.contains($0.ruleID) }
      guard !deciding.isEmpty else { return result }
      result.status = control.scored ? .fail : .manual
      result.evidence += "; but " + deciding.map { "\($0.ruleID) fires: \($0.message)" }.joined(separator: "; ")
      result.location = machine.location(of: deciding[0].range)
      result.rules = Array(Set(deciding.map(\.ruleID))).sorted()
      return result
    }
    // On a failing control, the rules that fire where its deciding value is (anywhere when
    // Talos's default decides it).
    let here = fired.filter { finding in
      guard let location = result.location, let at = machine.location(of: finding.range) else { return true }
      return at.path == location.path && at.line == location.line
    }
    result.rules = Array(Set(here.map(\.ruleID))).sorted()
    return result
  }

  private func decide(_ control: CISControl, on machine: CISMachine) -> CISResult {
    func result(_ status: CISStatus, _ evidence: String, at location: CISLocation? = nil) -> CISResult {
      CISResult(control: control, status: status, evidence: evidence, location: location)
    }
    if machine.type == .worker && control.target.controlPlaneOnly {
      let why = control.target == .policies ? "cluster policy: judged on the control planes, whose API server enforces it" : "a worker runs no control-plane component"
      return result(.notApplicable, why)
    }
    let verdict = { (passed: Bool) -> CISStatus in passed ? .pass : control.scored ? .fail : .manual }
    let talos = "Talos \(machine.release.version)"
    switch control.check {
    case .filePermissions:
      return result(.notApplicable, "file permissions on the node: a machine config cannot show them")
    case .clusterState:
      return result(.notApplicable, "cluster objects (RBAC, service accounts): runtime state a machine config does not hold")
    case .noTest:
      return result(.manual, "kube-bench has no test for this control: a person checks it")
    case .flag(let flag):
      let value = Self.resolve(flag, on: machine)
      return result(verdict(Self.passes(flag.test, value.value)), value.evidence, at: value.location)
    case .apiServerAnonymous:
      if let set = Self.userFlag(.apiServer, "anonymous-auth", on: machine) {
        return result(verdict(Self.passes(.equals("false"), set.value)), "--anonymous-auth=\(set.value), \(set.origin)", at: set.location)
      }
      if let enabled = machine.config.find(.typed(.kubeAuthenticationConfig, ["configuration", "anonymous", "enabled"])).last {
        let paths = machine.config.find(.typed(.kubeAuthenticationConfig, ["configuration", "anonymous", "conditions", "[]", "path"])).compactMap(\.string)
        let origin = machine.origin(of: enabled.range)
        if enabled.bool == false { return result(.pass, "KubeAuthenticationConfig anonymous.enabled: false, \(origin)", at: machine.location(of: enabled.range)) }
        let scope = paths.isEmpty ? "for every path" : "only for \(paths.joined(separator: ", "))"
        return result(
          verdict(false), "anonymous requests are allowed \(scope) (KubeAuthenticationConfig, \(origin)); no --anonymous-auth flag, which kube-bench reports WARN",
          at: machine.location(of: enabled.range))
      }
      return result(.pass, "--anonymous-auth=false, \(talos) default")
    case .authorizers(let test):
      let found = Self.authorizers(on: machine)
      return result(verdict(Self.passes(test, found.value)), found.evidence, at: found.location)
    case .encryptionProvider:
      let providers = machine.config.find(.typed(TalosKind("KubeEtcdEncryptionConfig"), ["config", "resources", "[]", "providers"])).first?.elements.first
      if let first = providers, let name = first.entries.first?.name {
        return result(verdict(["aescbc", "kms", "secretbox"].contains(name)), "first provider \(name) (KubeEtcdEncryptionConfig, \(machine.origin(of: first.range)))", at: machine.location(of: first.range))
      }
      let secretbox = machine.config.find(.v1alpha1(["cluster", "secretboxEncryptionSecret"])).first
      let aescbc = machine.config.find(.v1alpha1(["cluster", "aescbcEncryptionSecret"])).first
      if let key = secretbox ?? aescbc {
        let name = secretbox != nil ? "secretbox" : "aescbc"
        return result(.pass, "first provider \(name) (cluster.\(name)EncryptionSecret, \(machine.origin(of: key.range)))", at: machine.location(of: key.range))
      }
      return result(.pass, "first provider secretbox: \(talos) requires an encryption secret on a control plane")
    case .podSecurityConfigured:
      guard let configuration = machine.views.podSecurityConfigurations.last else {
        return result(verdict(false), "no PodSecurity admission configuration: every namespace may run privileged pods")
      }
      return result(.pass, "PodSecurity admission configured, \(machine.origin(of: configuration.range))", at: machine.location(of: configuration.range))
    case .podSecurityEnforces(let level):
      let levels = ["privileged", "baseline", "restricted"]
      guard let configuration = machine.views.podSecurityConfigurations.last else {
        return result(verdict(false), "no PodSecurity admission configuration: nothing is enforced")
      }
      let enforce = configuration.child("defaults")?.child("enforce")
      let enforced = enforce?.string ?? "privileged"
      let exempt = configuration.descendants(["exemptions", "namespaces", "[]"]).compactMap(\.string)
      let range = enforce?.range ?? configuration.range
      let note = exempt.isEmpty ? "" : "; exempt namespaces: \(exempt.joined(separator: ", "))"
      let passed = (levels.firstIndex(of: enforced) ?? 0) >= (levels.firstIndex(of: level) ?? 0)
      return result(
        verdict(passed), "PodSecurity enforces \(enforced), \(machine.origin(of: range))\(passed ? "" : " (\(level) needed)")\(note)",
        at: machine.location(of: range))
    case .kubeletAuthorization:
      if let set = Self.userFlag(.kubelet, "authorization-mode", on: machine) {
        return result(verdict(Self.passes(.lacksItem("AlwaysAllow"), set.value)), "--authorization-mode=\(set.value), \(set.origin)", at: set.location)
      }
      let skip =
        machine.config.find(.v1alpha1(["machine", "kubelet", "skipNodeRegistration"])) + machine.config.find(.typed(.kubeNodeConfig, ["skipNodeRegistration"]))
      if let skipping = skip.last(where: { $0.bool == true }) {
        return result(
          verdict(false), "authorization mode AlwaysAllow: Talos renders it when skipNodeRegistration is true, \(machine.origin(of: skipping.range))",
          at: machine.location(of: skipping.range))
      }
      return result(.pass, "authorization mode Webhook, enforced by \(talos)")
    case .kubeProxyMetrics:
      let disabled =
        machine.config.find(.v1alpha1(["cluster", "proxy", "disabled"])).filter { $0.bool == true }
        + machine.config.find(.typed(.kubeProxyConfig, ["enabled"])).filter { $0.bool == false }
      if let off = disabled.last {
        return result(.notApplicable, "kube-proxy does not run (\(machine.origin(of: off.range)))", at: machine.location(of: off.range))
      }
      // kube-bench's test is a substring test: `127.0.0.1:10249` passes.
      if let set = Self.userFlag(.proxy, "metrics-bind-address", on: machine) {
        return result(verdict(set.value.contains("127.0.0.1")), "--metrics-bind-address=\(set.value), \(set.origin)", at: set.location)
      }
      if let key = machine.config.find(.typed(.kubeProxyConfig, ["config", "metricsBindAddress"])).last, let value = key.string {
        return result(
          verdict(value.contains("127.0.0.1")), "metricsBindAddress: \(value), \(machine.origin(of: key.range))", at: machine.location(of: key.range))
      }
      return result(.pass, "--metrics-bind-address not set: kube-proxy's default 127.0.0.1:10249 (\(talos) passes none)")
    }
  }
}
