import TalintCore

/// A NodePort is served on every node's addresses by kube-proxy (or its replacement), ahead of
/// the host's own listeners: a range that reaches a Talos or control-plane port hands that port
/// to whoever may create a Service.
struct NodePortRangeCoversHostPort: Rule {
  static let description = RuleDescription(
    id: "TAL319", name: "node-port-range-covers-host-port", severity: .error,
    summary: "kube-apiserver's service-node-port-range includes a Talos or control-plane port",
    rationale: """
      Kubernetes allocates NodePorts from `service-node-port-range` (30000-32767 by default; Talos does \
      not set it), and kube-proxy redirects traffic for a NodePort on every node address to the \
      Service's pods before the host's own listener sees it. A range that covers apid (50000), trustd \
      (50001), the Kubernetes API (6443), etcd (2379-2380) or the kubelet (10250) lets anyone allowed to \
      create a Service take that port: requesting `nodePort: 50000` diverts `talosctl` and node-joining \
      traffic, or the API or etcd traffic between nodes, to a pod of their choosing.
      """,
    remediation: "Keep the range clear of the host's ports (the default 30000-32767 is), or start it above 51000.",
    references: [
      .other("https://kubernetes.io/docs/concepts/services-networking/service/#type-nodeport"),
      .talos("network connectivity: ports used by Talos and Kubernetes"),
    ],
    examples: [
      .triggering(
        """
        cluster:
          apiServer:
            extraArgs:
              service-node-port-range: ↓1-65535
        """),
      .passing(
        """
        cluster:
          apiServer:
            extraArgs:
              service-node-port-range: 30000-32767
        """),
    ],
    scope: .controlPlane)

  /// The ports a NodePort must not take (pkg/machinery/constants in Talos, docs/talos-facts.md).
  static let hostPorts: [(port: Int, name: String)] = [
    (2379, "etcd client"), (2380, "etcd peer"), (6443, "Kubernetes API"), (10250, "kubelet API"),
    (50000, "apid"), (50001, "trustd"),
  ]

  func check(_ context: inout RuleContext) {
    for value in context.views.extraArgValues(.apiServer, named: "service-node-port-range") {
      guard let text = value.string, let range = Self.portRange(text) else { continue }
      let covered = Self.hostPorts.filter { range.contains($0.port) }
      guard !covered.isEmpty else { continue }
      let names = covered.map { "\($0.port) (\($0.name))" }.joined(separator: ", ")
      context.report(
        "service-node-port-range \(text) includes \(names): anyone who can create a Service can take \(covered.count == 1 ? "that port" : "those ports") on every node; keep the range clear of them",
        at: value)
    }
  }

  /// `30000-32767`, `30000+2767` (a base and a size, as kube-apiserver's PortRange reads it) or
  /// a single port; nil for anything else.
  static func portRange(_ text: String) -> ClosedRange<Int>? {
    let text = text.trimmingBlanks()
    if let dash = text.firstIndex(of: "-"), let low = Int(text[..<dash]), let high = Int(text[text.index(after: dash)...]), low <= high {
      return low...high
    }
    if let plus = text.firstIndex(of: "+"), let low = Int(text[..<plus]), let size = Int(text[text.index(after: plus)...]), size >= 0 {
      return low...(low + size)
    }
    return Int(text).map { $0...$0 }
  }
}
