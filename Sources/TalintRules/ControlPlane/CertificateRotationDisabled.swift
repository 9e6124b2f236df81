import TalintCore

/// Kubelet client and serving certificates expire; without rotation they are either renewed by
/// hand or live long, and a stolen one stays useful for its whole lifetime.
struct CertificateRotationDisabled: Rule {
  static let description = RuleDescription(
    id: "TAL314", name: "certificate-rotation-disabled", severity: .warning,
    summary: "kubelet certificate rotation is turned off",
    rationale: """
      Talos forces `rotateCertificates: true` in the kubelet configuration, but a kubelet flag \
      `rotate-certificates=false` or a `RotateKubeletServerCertificate=false` feature gate (kubelet or \
      controller-manager) stops client or serving certificates from being renewed automatically.
      """,
    remediation: "Remove `rotate-certificates=false` and the `RotateKubeletServerCertificate=false` feature gate.",
    references: [.cis("1.3.6"), .cis("4.2.10"), .cis("4.2.11")],
    examples: [
      .triggering(
        """
        machine:
          kubelet:
            extraArgs:
              rotate-certificates: ↓"false"
        """),
      .passing(
        """
        machine:
          kubelet:
            extraArgs:
              rotate-certificates: "true"
        """),
    ])

  func check(_ context: inout RuleContext) {
    for value in context.views.extraArgValues(.kubelet, named: "rotate-certificates") where value.bool == false {
      context.report("kubelet rotate-certificates is off (CIS 4.2.10); remove the override", at: value)
    }
    for component in [Component.kubelet, .controllerManager] {
      for arg in context.views.extraArgs(component, named: "feature-gates") {
        for value in arg.values where value.commaItems.contains(where: { Self.isRotationGateOff($0) }) {
          context.report("\(component.rawValue) feature-gates turns RotateKubeletServerCertificate off; remove it", at: value)
        }
      }
    }
    for config in context.views.kubeletConfigs {
      guard let gate = config.child("featureGates")?.child("RotateKubeletServerCertificate"), gate.bool == false else { continue }
      context.report("kubelet featureGates turns RotateKubeletServerCertificate off (CIS 4.2.11); remove it", at: gate)
    }
  }

  private static func isRotationGateOff(_ item: String) -> Bool {
    let parts = item.split(separator: "=", maxSplits: 1).map { String($0).trimmingBlanks() }
    return parts.count == 2 && parts[0] == "RotateKubeletServerCertificate" && parts[1].lowercased() == "false"
  }
}
