/// Diagnostics about suppression comments themselves, so that stale or mistyped ones surface.
public enum SuppressionRules {
  public static let unused = RuleDescription(
    id: "TAL004", name: "unused-suppression", severity: .warning,
    summary: "a suppression comment silences nothing",
    rationale: "A `# talint: ignore[…]` that no longer matches a finding is stale: the problem was fixed or moved, and the comment would silently hide a future finding on that line.",
    remediation: "Delete the comment, or move it to the line it was meant for.",
    references: [.other("talint README: suppressions")],
    examples: [
      .triggering(
        """
        machine:
          sysctls:
            kernel.kptr_restrict: "2" ↓# talint: ignore[TAL201] -- not needed
        """),
      .passing(
        """
        machine:
          sysctls:
            kernel.kptr_restrict: "0" # talint: ignore[TAL201] -- eBPF tracing node
        """),
    ])

  public static let invalid = RuleDescription(
    id: "TAL005", name: "invalid-suppression", severity: .warning,
    summary: "a suppression comment is malformed, names an unknown rule or an unsuppressible one",
    rationale: "A suppression talint cannot read silences nothing, so the finding it was meant for still fails the run, or a typo in a rule ID hides nothing while looking as if it does.",
    remediation: "Write `# talint: ignore[TAL101] -- reason` (IDs or names, comma-separated); `talint rules` lists the IDs.",
    references: [.other("talint README: suppressions")],
    examples: [
      .triggering(
        """
        version: v1alpha1
        debug: false ↓# talint: ignore[TAL999] -- typo
        """),
      .passing(
        """
        version: v1alpha1
        debug: true # talint: ignore[TAL704] -- lab cluster
        """),
    ])

  public static let missingReason = RuleDescription(
    id: "TAL006", name: "suppression-without-reason", severity: .error,
    summary: "a suppression comment gives no reason (require-reason is on)",
    rationale: "With `require-reason: true` in .talint.yaml every suppression must say why after `--`, so that reviewers can judge it later.",
    remediation: "Add ` -- why this is acceptable` after the rule list.",
    references: [.other("talint README: suppressions")],
    examples: [
      .triggering(
        """
        version: v1alpha1
        debug: true ↓# talint: ignore[TAL704]
        """, settings: LintSettings(requireReason: true)),
      .passing(
        """
        version: v1alpha1
        debug: true # talint: ignore[TAL704] -- lab cluster
        """, settings: LintSettings(requireReason: true)),
    ])

  public static let all = [unused, invalid, missingReason]
}
