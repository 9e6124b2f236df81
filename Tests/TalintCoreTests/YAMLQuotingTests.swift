import TalintCore
import TalintYAML
import Testing

/// A double-quoted scalar talint writes (in `config` output and in a fix written back into a
/// quoted inline patch) reads back as the text it was made of, whatever characters it holds.
@Suite struct YAMLQuotingTests {
  @Test(arguments: ["plain", "a: b # c", "tab\there", "line\nbreak", "quote \" and \\", "\u{1B}[31m", "\u{85}", "\u{061C}arabic mark", "bom\u{FEFF}inside", "\u{2028}\u{202E}"])
  func quotedTextReadsBack(_ text: String) throws {
    let parsed = YAMLParser.parse(Array(("value: " + yamlQuoted(text) + "\n").utf8))
    #expect(parsed.error == nil, "\(yamlQuoted(text)): \(parsed.error?.message ?? "")")
    let document = try #require(parsed.documents.first)
    let root = try #require(document.root)
    #expect(document.value(forKey: "value", in: root).flatMap(document.scalar) == text)
  }
}
