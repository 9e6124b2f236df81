#if canImport(Glibc)
  import Glibc
#endif
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
    subcommands: [Lint.self, Rules.self, Explain.self, Config.self, Render.self, ReportCommand.self, Files.self, Server.self],
    defaultSubcommand: Lint.self)

  /// A reader that goes away (`talint … | head -1`) must end the output quietly: with SIGPIPE
  /// ignored, writes fail with EPIPE and the run finishes with its usual exit code.
  static func main() {
    signal(SIGPIPE, SIG_IGN)
    let arguments = Array(CommandLine.arguments.dropFirst())
    let commands = commandNames
    if let first = arguments.first, let command = mistypedSubcommand(first, among: commands) {
      writeErr("talint: error: '\(first)' is neither a command nor a file; did you mean `\(command)`?\n")
      Glibc.exit(64)
    }
    if let request = LintCommandLine.request(arguments, commands: commands) {
      do {
        try request.run()
      } catch let code as ExitCode {
        // What `exit(withError:)` does with an exit code, without the help model it builds first.
        Glibc.exit(code.rawValue)
      } catch {
        exit(withError: error)
      }
      return
    }
    main(arguments)
  }

  /// The subcommands' names. (Each command names itself in its configuration: deriving names
  /// from type names costs more than linting a small file, and this runs on every start.)
  static var commandNames: [String] { configuration.subcommands.map { $0._commandName } }

  /// `lint` is the default command, so `talint explian TAL101` would lint a file named
  /// `explian`: a first argument that is no path but nearly a command's name is a typo.
  static func mistypedSubcommand(_ argument: String, among names: [String]) -> String? {
    guard !argument.hasPrefix("-"), !argument.contains("/"), !names.contains(argument), !FilePath.exists(argument) else { return nil }
    return Suggestion.nearest(argument, among: names, maxDistance: 2)
  }
}

/// The tool's own version, shown by `--version` and in machine formats.
enum TalintVersion {
  static let string = "0.4.0"
}
