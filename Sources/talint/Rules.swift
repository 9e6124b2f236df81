import ArgumentParser
import TalintCore
import TalintRules

/// How `talint rules` prints the list.
enum RulesFormat: String, ExpressibleByArgument, CaseIterable {
  case text, json, markdown
}

struct Rules: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "rules", abstract: "List every rule: ID, name, severity and summary.")

  @Option(name: .long, help: "text (default), json, or markdown (the docs/rules.md reference).")
  var format: RulesFormat = .text

  func run() throws {
    switch format {
    case .text: break
    case .json: return writeOut(RuleDocs.json(AllRules.descriptions))
    case .markdown: return writeOut(RuleDocs.markdown(AllRules.descriptions))
    }
    let width = AllRules.descriptions.map(\.name.count).max() ?? 0
    var output = ""
    // Under each category's heading, as the reference groups them.
    for category in RuleCategory.allCases {
      let rules = AllRules.descriptions.filter { $0.category == category }
      guard !rules.isEmpty else { continue }
      output += "\(output.isEmpty ? "" : "\n")\(category.title) (\(category.ids), --select \(category.name))\n"
      for rule in rules {
        let name = rule.name.padding(to: width)
        let severity = rule.severity.rawValue.padding(to: 7)
        output += "\(rule.id)  \(name)  \(severity)  \(rule.fixable ? "fix" : "   ")  \(rule.summary)\n"
      }
    }
    writeOut(output)
  }
}

struct Explain: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "explain", abstract: "Print a rule's documentation and examples.")

  @Argument(help: "A rule ID (TAL101) or name (kspp-kernel-arg-removed).")
  var rule: String

  func validate() throws {
    guard AllRules.description(for: rule) != nil else {
      let names = AllRules.descriptions.flatMap { [$0.id, $0.name] }
      let hint = Suggestion.nearest(rule, among: names).map { "did you mean '\($0)'? " } ?? ""
      throw ValidationError("no rule '\(rule)'; \(hint)`talint rules` lists them")
    }
  }

  func run() throws {
    guard let rule = AllRules.description(for: rule) else { return }
    let scope = rule.scope == .controlPlane ? ", control-plane machines only" : ""
    let fixable = rule.fixable ? ", fixable: `talint lint --fix`" : ""
    var text = "\(rule.id) \(rule.name) (\(rule.severity.rawValue)\(scope)\(fixable))\n\n\(rule.summary)\n\n"
    text += "Category: \(rule.category.title) (\(rule.category.ids), --select \(rule.category.name))\nDocs: \(RuleDocs.url(rule.id))\n\n"
    text += "Why: \(rule.rationale)\n\nFix: \(rule.remediation)\n"
    if !rule.references.isEmpty {
      text += "\nReferences:\n" + rule.references.map { "  - \($0.linked)\n" }.joined()
    }
    for example in rule.examples {
      text += "\n\(example.verdict == .triggering ? "Triggers" : "Passes"):\n"
      text += example.yaml.split(separator: "\n", omittingEmptySubsequences: false).map { "    \($0)" }.joined(separator: "\n")
      text += "\n"
    }
    writeOut(text)
  }
}

extension String {
  fileprivate func padding(to width: Int) -> String {
    count >= width ? self : self + String(repeating: " ", count: width - count)
  }
}
