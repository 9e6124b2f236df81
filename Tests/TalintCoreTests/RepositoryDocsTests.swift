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

  @Test("README.md has at most 250 lines: the rest is in docs/")
  func readmeIsShort() {
    let lines = String(decoding: FileManager.default.contents(atPath: Paths.packageRoot + "/README.md") ?? Data(), as: UTF8.self)
      .split(separator: "\n", omittingEmptySubsequences: false).count - 1
    #expect(lines > 50, "README.md not found or empty")
    #expect(lines <= 250, "README.md has \(lines) lines")
  }

  /// README.md and every Markdown file of docs/.
  static let markdownFiles: [String] = {
    let docs = (try? FileManager.default.contentsOfDirectory(atPath: Paths.packageRoot + "/docs")) ?? []
    return ["README.md"] + docs.filter { $0.hasSuffix(".md") }.sorted().map { "docs/" + $0 }
  }()

  @Test("Every relative link of README.md and docs/*.md names an existing file, and a heading of it", arguments: markdownFiles)
  func relativeLinksResolve(_ file: String) {
    let text = String(decoding: FileManager.default.contents(atPath: Paths.packageRoot + "/" + file) ?? Data(), as: UTF8.self)
    #expect(!text.isEmpty, "\(file) not found")
    let folder = (Paths.packageRoot + "/" + file).split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
    var checked = 0
    var headings: [String: Set<String>] = [:]
    // Swift's Regex is slow in a debug build: only lines that hold a link are searched.
    for line in text.split(separator: "\n") where line.contains("](") {
      for match in line.matches(of: /\]\(([^)\s]+)\)/) {
        let target = String(match.1)
        guard !target.contains("://"), !target.hasPrefix("mailto:") else { continue }
        checked += 1
        let parts = target.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
        let path = parts[0].isEmpty ? Paths.packageRoot + "/" + file : folder + "/" + parts[0]
        #expect(FileManager.default.fileExists(atPath: path), "\(file) links \(target): no such file")
        guard parts.count == 2, path.hasSuffix(".md") else { continue }
        if headings[path] == nil { headings[path] = Self.anchors(of: path) }
        #expect(headings[path]!.contains(String(parts[1])), "\(file) links \(target): no such heading")
      }
    }
    if file == "README.md" { #expect(checked >= 10, "README.md has \(checked) relative links") }
  }
}
