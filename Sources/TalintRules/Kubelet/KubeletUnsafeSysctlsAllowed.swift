import TalintCore

/// The kubelet refuses pods that set sysctls outside the safe set unless `allowedUnsafeSysctls`
/// lists them. Unsafe sysctls are namespaced but not isolated from the node's resources, and a
/// `net.*` wildcard opens every network knob of the pod's namespace (routing, forwarding,
/// conntrack) to whoever writes the pod spec.
struct KubeletUnsafeSysctlsAllowed: Rule {
  static let description = RuleDescription(
    id: "TAL329", name: "kubelet-unsafe-sysctls-allowed", severity: .warning,
    summary: "the kubelet lets pods set unsafe sysctls",
    rationale: """
      Talos leaves `allowedUnsafeSysctls` empty, so the kubelet admits only the safe sysctls. An \
      `allowedUnsafeSysctls` entry (kubelet configuration) or `allowed-unsafe-sysctls` flag lets pods set \
      sysctls Kubernetes does not treat as isolated between pods: they can exhaust node-wide limits or \
      change what other pods see (`kernel.msg*`, `kernel.sem`, `net.core.*`), and a pattern such as \
      `net.*` or `kernel.shm*` opens a whole family at once. Pod Security Admission's baseline level \
      rejects pods with unsafe sysctls, so with Talos's default (baseline enforced) only namespaces \
      labelled privileged can use the list; where the same config makes Pod Security Admission enforce \
      `privileged`, any pod in any namespace can, and the message says so.
      """,
    remediation: "List only the exact sysctls a workload needs, and keep Pod Security Admission at baseline or above so only namespaces labelled privileged can set them.",
    references: [
      .other("https://kubernetes.io/docs/tasks/administer-cluster/sysctl-cluster/"),
      .other("https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline"),
    ],
    examples: [
      .triggering(
        """
        machine:
          kubelet:
            extraConfig:
              allowedUnsafeSysctls:
                - ↓net.*
        """),
      .passing(
        """
        machine:
          kubelet:
            extraConfig:
              allowedUnsafeSysctls: []
        """),
    ])

  /// The sysctls the kubelet allows without any setting (Kubernetes's safe set, 1.32): listing
  /// one changes nothing.
  static let safe: Set<String> = [
    "kernel.shm_rmid_forced", "net.ipv4.ip_local_port_range", "net.ipv4.tcp_syncookies", "net.ipv4.ping_group_range",
    "net.ipv4.ip_unprivileged_port_start", "net.ipv4.ip_local_reserved_ports", "net.ipv4.tcp_keepalive_time",
    "net.ipv4.tcp_fin_timeout", "net.ipv4.tcp_keepalive_intvl", "net.ipv4.tcp_keepalive_probes", "net.ipv4.tcp_rmem",
    "net.ipv4.tcp_wmem",
  ]

  func check(_ context: inout RuleContext) {
    let anyPod = context.views.podSecurityConfigurations.contains {
      $0.descendants(["defaults", "enforce"]).first?.string == "privileged"
    }
    let values = context.views.extraArgValues(.kubelet, named: "allowed-unsafe-sysctls")
      + context.views.kubeletConfigs.compactMap { $0.child("allowedUnsafeSysctls") }.flatMap(\.elements)
    for value in values {
      let names = value.commaItems.filter { !$0.isEmpty && !Self.safe.contains($0) }
      guard !names.isEmpty, !value.isUnknown else { continue }
      let what = "unsafe sysctls \(names.joined(separator: ", "))"
        + (names.contains { $0.contains("*") } ? " (a pattern opens a whole family)" : "")
      let who = anyPod
        ? ", and Pod Security Admission here enforces 'privileged', so any pod in any namespace can set them"
        : " in the namespaces Pod Security Admission lets through (those labelled privileged)"
      context.report("the kubelet admits pods that set \(what)\(who); list only the exact sysctls a workload needs", at: value)
    }
  }
}
