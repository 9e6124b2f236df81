import ArgumentParser
import TalintCore
import TalintRules

@main
struct Talint: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "talint",
    abstract: "An offline security linter for Talos Linux machine configuration.",
    discussion: """
      Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it, \
      2 an input could not be linted, 64 usage error.
      """,
    version: TalintVersion.string,
    subcommands: [Lint.self, Rules.self, Explain.self, Config.self],
    defaultSubcommand: Lint.self)
}

/// The tool's own version, shown by `--version` and in machine formats.
enum TalintVersion {
  static let string = "0.1.0"
}
