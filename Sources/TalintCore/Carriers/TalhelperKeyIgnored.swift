extension InputProblems {
  /// talhelper 2.0 (January 2024) replaced `inlinePatch` and `configPatches` with `patches` and
  /// reads talconfig.yaml without strict fields (talhelper's `pkg/config/loader.go`), so a
  /// patch still written under an old key is dropped without a word.
  public static let talhelperKeyIgnored = RuleDescription(
    id: "TAL010", name: "talhelper-key-ignored", severity: .warning,
    summary: "a talconfig patch is under a key talhelper no longer reads",
    rationale: """
      talhelper 2.0 replaced `inlinePatch` (one strategic merge patch) and `configPatches` (JSON6902 \
      operations) with `patches`. It reads a talconfig without strict fields, so a patch left under an \
      old key is silently dropped: the hardening it holds never reaches the machines. talint judges \
      such a patch on its own (what it would do) but does not apply it to the machines, as talhelper does not.
      """,
    remediation: "Move the patch into `patches` (a `|-` string holding the YAML, or `@./file.yaml`), or delete it if it is no longer wanted.",
    references: [.other("talhelper 2.0 release notes: `controlPlane` and `worker` are NodeConfigs")],
    examples: [
      .triggering(
        """
        clusterName: home
        nodes:
          - hostname: cp1
            controlPlane: true
            ↓inlinePatch:
              machine:
                sysctls:
                  kernel.kptr_restrict: "2"
        """, fileName: "talconfig.yaml"),
      .passing(
        """
        clusterName: home
        nodes:
          - hostname: cp1
            controlPlane: true
            patches:
              - |-
                machine:
                  sysctls:
                    kernel.kptr_restrict: "2"
        """, fileName: "talconfig.yaml"),
    ])
}
