import Testing

@testable import talint

/// The reader of common `lint` command lines must mean what ArgumentParser means, and step
/// aside for everything else.
@Suite struct LintCommandLineTests {
  let commands = Talint.commandNames

  /// What ArgumentParser makes of a command line, as the root command sees it.
  func parsed(_ arguments: [String]) throws -> LintRequest? {
    try (Talint.parseAsRoot(arguments) as? Lint)?.request
  }

  /// A value each valued option accepts.
  func sample(_ option: String) -> String {
    switch option {
    case "fail-on": "error"
    case "format": "json"
    case "talos-version": "1.10"
    case "select", "ignore": "TAL101"
    default: "some/file.yaml"
    }
  }

  /// `lint`'s long options as its help lists them: the name, and whether it takes a value.
  func helpOptions() -> [(name: String, valued: Bool)] {
    Lint.helpMessage(columns: 1000).split(separator: "\n").compactMap { line in
      guard let match = line.firstMatch(of: /^\s+--([a-z-]+)( <[a-z-]+>)?/) else { return nil }
      let name = String(match.1)
      return name == "help" || name == "version" ? nil : (name, match.2 != nil)
    }
  }

  @Test func everyOptionOfLintIsReadAsArgumentParserReadsIt() throws {
    let options = helpOptions()
    #expect(options.count >= 15, "help lists \(options.count) options")
    for (name, valued) in options {
      for form in valued ? [["--\(name)", sample(name)], ["--\(name)=\(sample(name))"]] : [["--\(name)"]] {
        let arguments = ["lint", "a.yaml"] + form
        let fast = LintCommandLine.request(arguments, commands: commands)
        #expect(fast != nil, "the fast reader declines \(arguments)")
        #expect(fast == (try parsed(arguments)), "\(arguments)")
      }
    }
  }

  @Test(arguments: [
    [],
    ["a.yaml"],
    ["lint"],
    ["lint", "a.yaml", "dir", "b.yml"],
    ["-"],
    ["lint", "--stdin-filename", "x.yaml", "-"],
    ["--force-exclude", "a.yaml", "--format", "json", "--output=out.json"],
    ["--fail-on", "never", "--talos-version", "1.9", "--select", "TAL1", "--select=TAL201,TAL3", "--ignore", "TAL101", "x"],
    ["a.yaml", "--baseline", "b.json", "--strict-baseline", "--show-config"],
    ["--write-baseline", "b.json", "--config", "c.yaml", "dir"],
    ["--fix", "a.yaml"],
    ["--diff", "-"],
    ["lint", "a.yaml", "lint.yaml", "--fail-on=info"],
  ])
  func commonCommandLinesMeanTheSame(arguments: [String]) throws {
    let fast = LintCommandLine.request(arguments, commands: commands)
    #expect(fast != nil, "the fast reader declines \(arguments)")
    #expect(fast == (try parsed(arguments)))
  }

  /// Help, version, completions, other commands and every error are ArgumentParser's to say.
  @Test(arguments: [
    ["--help"], ["-h"], ["lint", "--help"], ["--version"], ["help"], ["help", "lint"],
    ["rules"], ["explain", "TAL101"], ["lint", "config"], ["server"],
    ["--generate-completion-script", "bash"], ["--experimental-dump-help"],
    ["--unknown", "a.yaml"], ["-q", "a.yaml"], ["--", "a.yaml"], ["--fix=yes", "a.yaml"],
    ["--format", "nope", "a.yaml"], ["--fail-on", "sometimes"], ["--output"], ["--output", "-x", "a.yaml"],
    ["--output="], ["--format", "json", "--format", "text"], ["--fix", "--fix", "a.yaml"],
    ["--fix", "--diff", "a.yaml"], ["--fix", "-"], ["--select", "NOPE"], ["--talos-version", "banana"],
  ])
  func everythingElseIsLeftToArgumentParser(arguments: [String]) {
    #expect(LintCommandLine.request(arguments, commands: commands) == nil)
  }
}
