/// Where a control's value comes from: a flag the user sets, the kubelet configuration key,
/// or what Talos passes by itself on the release; and kube-bench's tests on it.
extension CISEvaluator {
  /// A value the user wrote: the flag's value(s) joined with commas, and where.
  struct UserValue {
    var value: String
    var origin: String
    var location: CISLocation?
  }

  /// The last value given to a component's flag in `extraArgs` (legacy field or typed document).
  static func userFlag(_ component: Component, _ name: String, on machine: CISMachine) -> UserValue? {
    guard let entry = machine.views.extraArgs(component, named: name).last else { return nil }
    let values = entry.values.compactMap(\.string)
    guard !values.isEmpty else { return nil }
    return UserValue(value: values.joined(separator: ","), origin: machine.origin(of: entry.found.range), location: machine.location(of: entry.found.range))
  }

  /// The value a control's test reads, and the evidence for it.
  struct Resolved {
    var value: String?
    var evidence: String
    var location: CISLocation?
  }

  static func resolve(_ flag: CISFlag, on machine: CISMachine) -> Resolved {
    let talos = "Talos \(machine.release.version)"
    let setting = flag.talos.on(machine.release.version)
    let user = userFlag(flag.component, flag.name, on: machine)
    // A flag Talos denies is Talos's whatever extraArgs say (Talos refuses the override, TAL312).
    if case .enforced(let value) = setting, flag.component != .kubelet {
      let refused = user.map { "; the extraArgs value \($0.origin) is refused" } ?? ""
      return Resolved(value: value, evidence: "--\(flag.name) \(value), enforced by \(talos)\(refused)", location: user?.location)
    }
    if let user {
      var value = user.value
      if flag.additive, case .value(let own) = setting { value = own + "," + value }
      if flag.additive, case .enforced(let own) = setting { value = own + "," + value }
      let appended = flag.additive ? " (appended to Talos's own)" : ""
      return Resolved(value: value, evidence: "--\(flag.name)=\(value)\(appended), \(user.origin)", location: user.location)
    }
    if let key = flag.configKey, let found = machine.views.kubeletConfigs.flatMap({ $0.descendants(key) }).last {
      let value = found.isSequence ? found.elements.compactMap(\.string).joined(separator: ",") : found.string
      // Talos replaces a zero idle timeout in the kubelet configuration by its default (only
      // the flag can make it zero).
      if let value, case .unsetOr(.nonZeroDuration) = flag.test, !passes(.nonZeroDuration, value), case .value(let own) = setting {
        return Resolved(
          value: own, evidence: "\(key.joined(separator: ".")): \(value), \(machine.origin(of: found.range)), which \(talos) replaces by its default \(own)",
          location: machine.location(of: found.range))
      }
      if let value {
        return Resolved(
          value: value, evidence: "\(key.joined(separator: ".")): \(value), \(machine.origin(of: found.range))", location: machine.location(of: found.range))
      }
    }
    switch setting {
    case .unset, .since:
      return Resolved(value: nil, evidence: "--\(flag.name) not set: \(talos) passes none")
    case .value(let value):
      return Resolved(value: value, evidence: "--\(flag.name)=\(value), \(talos) default")
    case .enforced(let value):
      return Resolved(value: value, evidence: "\(value), enforced by \(talos)")
    }
  }

  /// The API server's authorizers as the comma-separated value `--authorization-mode` would
  /// hold. Talos passes `--authorization-config` instead, which kube-bench cannot read: the
  /// test is applied to what it configures.
  static func authorizers(on machine: CISMachine) -> Resolved {
    let talos = "Talos \(machine.release.version)"
    let kubeBench = "; kube-bench, reading only --authorization-mode, reports FAIL on Talos's default"
    if let user = userFlag(.apiServer, "authorization-mode", on: machine) {
      let value = "Node,RBAC," + user.value
      return Resolved(value: value, evidence: "--authorization-mode=\(value) (appended to Talos's Node,RBAC), \(user.origin)", location: user.location)
    }
    let documents = machine.config.find(.typed(TalosKind("KubeAuthorizerConfig"), ["type"]))
    if !documents.isEmpty || !machine.config.documents(ofKind: .kubeAPIServerConfig).isEmpty {
      let types = documents.compactMap(\.string)
      let first = documents.first.map { machine.origin(of: $0.range) } ?? "none left"
      // Talos does not put back an authorizer a patch deletes on this path: the deletion decides.
      let deleted = machine.config.deletedDocuments(ofKind: TalosKind("KubeAuthorizerConfig")).lazy
        .compactMap { document in document.root.flatMap { machine.location(of: document.yaml[$0].range) } }.first
      let deletion = deleted.map { "; a patch deletes an authorizer at \($0.path):\($0.line)" } ?? ""
      return Resolved(
        value: types.joined(separator: ","),
        evidence: "authorizers \(types.isEmpty ? "none" : types.joined(separator: ", ")) (KubeAuthorizerConfig, \(first))\(deletion)\(kubeBench)",
        location: deleted ?? documents.first.flatMap { machine.location(of: $0.range) })
    }
    let listed = machine.config.find(.v1alpha1(["cluster", "apiServer", "authorizationConfig", "[]", "type"]))
    let types = ["Node", "RBAC"] + listed.compactMap(\.string).filter { $0 != "Node" && $0 != "RBAC" }
    return Resolved(
      value: types.joined(separator: ","), evidence: "authorizers \(types.joined(separator: ", ")) (Node and RBAC always set by \(talos))\(kubeBench)",
      location: listed.first.flatMap { machine.location(of: $0.range) })
  }

  /// kube-bench's test on a flag's value (nil: the flag is absent).
  static func passes(_ test: CISFlag.Test, _ value: String?) -> Bool {
    let items = value.map { $0.split(separator: ",").map { String($0.filter { $0 != " " }) } } ?? []
    switch test {
    case .present: return value != nil
    case .absent: return value == nil
    case .equals(let expected): return value?.lowercased() == expected.lowercased()
    case .hasItem(let item): return items.contains(item)
    case .lacksItem(let item): return value != nil && !items.contains(item)
    case .lacks(let text): return value.map { !$0.lowercased().contains(text.lowercased()) } ?? false
    case .atLeast(let minimum): return value.flatMap { Int($0) }.map { $0 >= minimum } ?? false
    case .allIn(let allowed): return value != nil && !items.isEmpty && items.allSatisfy(allowed.contains)
    case .nonZeroDuration:
      // `0`, `0s`, `0h0m0s`: only zeros, units and a decimal point.
      return value.map { !$0.isEmpty && !$0.allSatisfy { "0.hmsun".contains($0) } } ?? false
    case .unsetOr(let test): return value == nil || passes(test, value)
    }
  }
}
