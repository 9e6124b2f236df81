import Foundation
import TalintTestSupport
import Testing

/// The repository documents itself: a source comment cites only files in the repository (the
/// Talos facts the code relies on are in docs/talos-facts.md, with their sources in Talos's own
/// code), and every section a comment names exists.
@Suite struct RepositoryDocsTests {
  /// Every line of every Swift file under Sources/, with its file and line number. The test
  /// support target is left out: it finds `../shared` for the tests, which may read it.
  static let sourceLines: [(file: String, line: Int, text: String)] = {
    let root = Paths.packageRoot + "/Sources"
    let files = (FileManager.default.enumerator(atPath: root)?.allObjects as? [String] ?? [])
      .filter { $0.hasSuffix(".swift") && !$0.hasPrefix("TalintTestSupport/") }.sorted()
    return files.flatMap { file in
      let text = String(decoding: FileManager.default.contents(atPath: root + "/" + file) ?? Data(), as: UTF8.self)
      return text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().map {
        (file: "Sources/" + file, line: $0.offset + 1, text: String($0.element))
      }
    }
  }()

  /// GitHub's anchor for a Markdown heading: lower case, punctuation dropped, spaces as hyphens.
  static func anchor(_ heading: String) -> String {
    String(heading.lowercased().compactMap { c -> Character? in
      if c == " " { return "-" }
      return c.isLetter || c.isNumber || c == "-" || c == "_" ? c : nil
    })
  }

  /// The anchors of every heading of a Markdown file (code blocks left out).
  static func anchors(of path: String) -> Set<String> {
    var inCode = false
    var found: Set<String> = []
    let text = String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self)
    for line in text.split(separator: "\n") {
      if line.hasPrefix("```") { inCode.toggle() }
      guard !inCode, let match = line.firstMatch(of: /^#{1,6} +(.+?) *$/) else { continue }
      found.insert(anchor(String(match.1)))
    }
    return found
  }

  @Test func sourcesReadOnce() {
    #expect(Self.sourceLines.count > 10_000, "the walk of Sources/ found \(Self.sourceLines.count) lines")
  }

  @Test("No source file cites a file outside the repository (FACTS.md, CARRIERS.md, ../shared, …)")
  func noSourceCitesAFileOutsideTheRepository() {
    for (file, line, text) in Self.sourceLines {
      #expect(!text.contains("../shared") && !text.contains("talos-reference"), "\(file):\(line): \(text)")
      // Every Markdown file a source names is one of docs/ (the DESIGN.md of the repository is
      // docs/DESIGN.md; FACTS.md, CARRIERS.md and the plan's DESIGN.md are not in it).
      // Swift's Regex is slow in a debug build: only lines that name a Markdown file are searched.
      guard text.contains(".md") else { continue }
      for match in text.matches(of: /[A-Za-z0-9_.:\/-]*\.md\b/) where !match.0.contains("://") {
        let name = String(match.0)
        #expect(
          name.hasPrefix("docs/") && Paths.isFile(Paths.packageRoot + "/" + name),
          "\(file):\(line) cites \(name), which is not a file under docs/")
      }
    }
  }

  @Test("Every docs/…md#anchor a source cites is a heading of that file")
  func everyCitedSectionExists() {
    var cited = 0
    for (file, line, text) in Self.sourceLines where text.contains(".md#") {
      for match in text.matches(of: /(docs\/[A-Za-z0-9_-]+\.md)#([a-z0-9_-]+)/) {
        cited += 1
        let anchors = Self.anchors(of: Paths.packageRoot + "/" + match.1)
        #expect(anchors.contains(String(match.2)), "\(file):\(line) cites \(match.0), which has no such section")
      }
    }
    #expect(cited >= 20, "sources cite \(cited) sections of docs/")
  }

  @Test func anchorsAreGitHubs() {
    #expect(Self.anchor("TLS minimum versions (TAL311, TAL310)") == "tls-minimum-versions-tal311-tal310")
    #expect(Self.anchor("Strategic merge patches") == "strategic-merge-patches")
  }
}
