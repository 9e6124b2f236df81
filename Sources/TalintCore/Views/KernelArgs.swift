import TalintYAML

/// One kernel command-line argument as Talos merges it (docs/talos-facts.md#kernel-command-line):
/// `key`, `key=value`, `-key` (removes every value of a default) or `-key=value` (removes that
/// value).
public struct KernelArg: Sendable, Equatable {
  public var key: String
  public var value: String?
  /// A leading `-`: the argument removes a default instead of adding one.
  public var removes: Bool

  public init(parsing text: String) {
    // Kernel arguments are ASCII: read as bytes. Other text takes the Character steps, where
    // a combining mark can join the `-` or `=` into a larger Character.
    if text.isASCII {
      var body = Substring(text).utf8
      removes = body.count > 1 && body.first == UInt8(ascii: "-")
      if removes { body = body.dropFirst() }
      if let equals = body.firstIndex(of: UInt8(ascii: "=")) {
        key = String(Substring(body[..<equals]))
        value = String(Substring(body[body.index(after: equals)...]))
      } else {
        key = String(Substring(body))
        value = nil
      }
      return
    }
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

extension ConfigViews {
  /// Extra kernel arguments from `machine.install.extraKernelArgs` and schematic
  /// `customization.extraKernelArgs`. An entry holding several space-separated arguments
  /// yields each, positioned on its own characters when the scalar is on one line.
  static let kernelArgLocations = SettingLocations([.v1alpha1(["machine", "install", "extraKernelArgs"]), .schematic(["customization", "extraKernelArgs"])])

  /// The arguments of the lists found at `kernelArgLocations`.
  static func readKernelArgs(_ lists: [(location: Int, found: Found)]) -> [Located<KernelArg>] {
    var result: [Located<KernelArg>] = []
    for (_, list) in lists {
      for element in list.elements {
        guard element.string != nil else { continue }
        let keyPath = element.keyPath
        for (word, range) in element.pieces(separatedBy: [" ", "\t"]) {
          result.append(Located(KernelArg(parsing: word), at: range, keyPath: keyPath, source: element))
        }
      }
    }
    return result
  }
}

extension RuleContext {
  /// The fix that takes one kernel argument out: its list entry, or its word in an entry that
  /// holds several (with the blank beside it), where the entry is written on one line.
  public func removal(of arg: Located<KernelArg>, title: String) -> Fix? {
    guard let element = arg.source else { return nil }
    let pieces = element.pieces(separatedBy: [" ", "\t"])
    guard let index = pieces.firstIndex(where: { $0.range == arg.range }) else { return nil }
    if pieces.count == 1 { return removal(of: element, title: title) }
    // Pieces share the entry's range when they could not be placed on their own characters.
    guard pieces[index].range != element.range, let (entry, text) = written?.locate(element), entry.yaml.isSourceNode(entry.node) else { return nil }
    // The same pieces where the entry is written (a machine's value: in its patch's text).
    let placed = entry.pieces(separatedBy: [" ", "\t"])
    guard placed.count == pieces.count else { return nil }
    let span = index + 1 < placed.count
      ? SourceRange(start: placed[index].range.start, end: placed[index + 1].range.start)
      : SourceRange(start: placed[index - 1].range.end, end: placed[index].range.end)
    return text.fix(Fix(title: title, edits: [TextEdit(span, "")]))
  }
}
