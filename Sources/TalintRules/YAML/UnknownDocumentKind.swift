import TalintCore

/// A typed document whose kind the release does not register is rejected by the decoder
/// before anything in it is read.
struct UnknownDocumentKind: Rule {
  static let description = RuleDescription(
    id: "TAL014", name: "unknown-document-kind", severity: .error,
    summary: "a document kind the file's Talos release does not decode",
    rationale: """
      Talos reads each document of a multi-document config by its `apiVersion` and `kind`. A kind \
      the release does not register (a typo, or a document added in a later release, such as \
      `KubeletConfig` in 1.14) makes the decoder reject the whole config.
      """,
    remediation: "Correct the kind, or declare the Talos release the file is for (`# talint: talos-version=1.14`).",
    references: [.talos("reference/configuration")],
    examples: [
      .triggering(
        """
        apiVersion: v1alpha1
        kind: ↓NetworkRuleConfg
        name: ingress
        """),
      .passing(
        """
        apiVersion: v1alpha1
        kind: NetworkRuleConfig
        name: ingress
        """),
    ])

  func check(_ context: inout RuleContext) {
    context.reportStructure(.unknownDocument)
  }
}
