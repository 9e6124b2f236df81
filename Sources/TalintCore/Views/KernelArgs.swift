import TalintYAML

/// One kernel command-line argument as Talos merges it (FACTS.md §3.3): `key`, `key=value`,
/// `-key` (removes every value of a default) or `-key=value` (removes that value).
public struct KernelArg: Sendable, Equatable {
  public var key: String
  public var value: String?
  /// A leading `-`: the argument removes a default instead of adding one.
  public var removes: Bool

  public init(parsing text: String) {
    var body = Substring(text)
    removes = body.count > 1 && body.first == "-"
    if removes { body = body.dropFirst() }
    if let equals = body.firstIndex(of: "=") {
      key = String(body[..<equals])
      value = String(body[body.index(after: equals)...])
    } else {
      key = String(body)
      value = nil
    }
  }

  /// How it was written.
  public var text: String { (removes ? "-" : "") + key + (value.map { "=\($0)" } ?? "") }
}

extension TalosConfig {
  /// Extra kernel arguments from `machine.install.extraKernelArgs` and schematic
  /// `customization.extraKernelArgs`. An entry holding several space-separated arguments
  /// yields each, positioned on its own characters when the scalar is on one line.
  public var kernelArgs: [Located<KernelArg>] {
    let lists = find([.v1alpha1(["machine", "install", "extraKernelArgs"]), .schematic(["customization", "extraKernelArgs"])])
    var result: [Located<KernelArg>] = []
    for list in lists {
      for element in list.elements {
        guard let text = element.string else { continue }
        for (word, range) in Self.words(text, in: element) {
          result.append(Located(KernelArg(parsing: word), at: range, keyPath: element.keyPath))
        }
      }
    }
    return result
  }

  /// Splits on blanks; exact sub-ranges for single-line plain and quoted scalars.
  private static func words(_ text: String, in found: Found) -> [(String, SourceRange)] {
    let node = found.yaml[found.node]
    guard node.range.start.line == node.range.end.line, case .scalar(_, let style) = node.content,
      style == .plain || style == .singleQuoted || style == .doubleQuoted
    else {
      return text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map { (String($0), found.range) }
    }
    let line = node.range.start.line
    var column = node.range.start.column + (style == .plain ? 0 : 1)
    var result: [(String, SourceRange)] = []
    var word = ""
    var wordStart = column
    func flush() {
      guard !word.isEmpty else { return }
      let range = SourceRange(start: .init(line: line, column: wordStart), end: .init(line: line, column: column))
      result.append((word, range))
      word = ""
    }
    for scalar in text.unicodeScalars {
      if scalar == " " || scalar == "\t" {
        flush()
      } else {
        if word.isEmpty { wordStart = column }
        word.unicodeScalars.append(scalar)
      }
      column += 1
    }
    flush()
    return result
  }
}
