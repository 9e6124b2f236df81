import TalintCore

/// A value of the wrong YAML type (a scalar where Talos reads a list, a word where it reads a
/// boolean) fails decoding just as an unknown key does.
struct WrongValueType: Rule {
  static let description = RuleDescription(
    id: "TAL012", name: "wrong-value-type", severity: .error,
    summary: "a value of a type Talos cannot decode there",
    rationale: """
      Talos decodes each key into a Go field of one type: a mapping, a list, a string, a boolean, a \
      number or a duration. A scalar where a list or mapping belongs, or the reverse, a boolean that is \
      not `true`/`false` (or YAML 1.1's `yes`/`no`/`on`/`off`), a quoted or malformed number, or a \
      duration Go cannot parse makes the decoder reject the whole config.
      """,
    remediation: "Write the value in the type the key takes (see the message); quote nothing that must be a number or boolean.",
    references: [.talos("reference/configuration")],
    examples: [
      .triggering(
        """
        machine:
          install:
            extraKernelArgs: ↓console=ttyS0
        """),
      .passing(
        """
        machine:
          install:
            extraKernelArgs:
              - console=ttyS0
        """),
    ])

  func check(_ context: inout RuleContext) {
    context.reportStructure(.wrongType)
  }
}
