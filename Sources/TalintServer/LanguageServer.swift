import Dispatch
import TalintCore
import TalintRules
import TalintYAML

/// `talint server`: the Language Server Protocol over a pair of file descriptors. One thread
/// reads frames; everything else — documents, linting, replies — happens on one serial queue,
/// so the state needs no lock and replies never interleave. Changes are linted after a short
/// quiet spell, and a result is published only while its document still has the version it
/// was computed for. The server reads what the editor holds, never writes a file, and logs
/// no document text.
public final class LanguageServer: @unchecked Sendable {
  private let reader: MessageReader
  private let writer: MessageWriter
  private let version: String
  private let queue = DispatchQueue(label: "talint.server")
  private var documents: [String: TextDocument] = [:]
  /// What was last published per document, with the version it was computed for.
  private var published: [String: (version: Int, diagnostics: [Diagnostic])] = [:]
  /// What each document was last judged as: its release (hover and completion describe that
  /// release's keys) and whether it is a Talos config at all.
  private var judged: [String: (release: TalosVersion, structured: Bool)] = [:]
  private let workspace = ServerWorkspace()
  private var initialized = false
  private var shutDown = false
  /// How long a document must be quiet after a change before it is linted.
  private let debounce: DispatchTimeInterval

  public init(input: Int32 = 0, output: Int32 = 1, version: String, debounceMilliseconds: Int = 150) {
    reader = MessageReader(descriptor: input)
    writer = MessageWriter(descriptor: output)
    self.version = version
    debounce = .milliseconds(debounceMilliseconds)
  }

  /// Serves until `exit` or the end of input; the exit status the specification asks for
  /// (0 after `shutdown`, else 1).
  public func run() -> Int32 {
    while true {
      switch reader.next() {
      case .end:
        return queue.sync { shutDown ? 0 : 1 }
      case .malformed(let why):
        queue.async { self.sendError(id: .null, code: -32700, message: "parse error: \(why)") }
      case .message(let body):
        guard let message = JSON.parse(body) else {
          queue.async { self.sendError(id: .null, code: -32700, message: "parse error: the body is not JSON") }
          continue
        }
        if message["method"]?.string == "exit" {
          return queue.sync { shutDown ? 0 : 1 }
        }
        queue.async { self.handle(message) }
      }
    }
  }

  // MARK: Dispatch

  private func handle(_ message: JSON) {
    let id = message["id"]
    guard let method = message["method"]?.string else {
      // A response to a request of ours (none is sent) or nonsense: a request gets an error.
      if let id, message["result"] == nil && message["error"] == nil { sendError(id: id, code: -32600, message: "invalid request: no method") }
      return
    }
    let params = message["params"] ?? .null
    guard let id else { return notification(method, params) }
    if shutDown { return sendError(id: id, code: -32600, message: "invalid request: the server is shut down") }
    if !initialized && method != "initialize" { return sendError(id: id, code: -32002, message: "the server is not initialized") }
    switch method {
    case "initialize":
      initialized = true
      applySettings(params["initializationOptions"])
      reply(id, [
        "capabilities": [
          "textDocumentSync": ["openClose": true, "change": 2, "save": ["includeText": false]],
          "hoverProvider": true,
          "completionProvider": ["triggerCharacters": [":"]],
          "codeActionProvider": ["codeActionKinds": ["quickfix"]],
        ],
        "serverInfo": ["name": "talint", "version": .string(version)],
      ])
    case "shutdown":
      shutDown = true
      reply(id, .null)
    case "textDocument/hover":
      reply(id, hover(params))
    case "textDocument/completion":
      reply(id, .array(completion(params)))
    case "textDocument/codeAction":
      reply(id, .array(codeActions(params)))
    default:
      sendError(id: id, code: -32601, message: "method not found: \(method)")
    }
  }

  private func notification(_ method: String, _ params: JSON) {
    guard initialized, !shutDown else { return }
    let uri = params["textDocument"]?["uri"]?.string
    switch method {
    case "textDocument/didOpen":
      guard let uri, let text = params["textDocument"]?["text"]?.string else { return }
      documents[uri] = TextDocument(uri: uri, version: params["textDocument"]?["version"]?.int ?? 0, text: Array(text.utf8))
      lint(uri)
    case "textDocument/didChange":
      guard let uri, var document = documents[uri] else { return }
      for change in params["contentChanges"]?.array ?? [] { document.apply(change) }
      document.version = params["textDocument"]?["version"]?.int ?? min(document.version + 1, JSON.integers.upperBound)
      documents[uri] = document
      let version = document.version
      queue.asyncAfter(deadline: .now() + debounce) {
        // Only the last of a burst of changes is linted.
        guard self.documents[uri]?.version == version else { return }
        self.lint(uri)
      }
    case "textDocument/didSave":
      guard let uri else { return }
      if uri.hasSuffix(ConfigDiscovery.fileName) { return configurationChanged() }
      if let document = documents[uri] { workspace.saved(document) }
      lint(uri)
    case "textDocument/didClose":
      guard let uri else { return }
      documents[uri] = nil
      published[uri] = nil
      judged[uri] = nil
      publish(uri, version: nil, diagnostics: [])
    case "workspace/didChangeConfiguration":
      applySettings(params["settings"]?["talint"] ?? params["settings"])
      configurationChanged()
    case "workspace/didChangeWatchedFiles":
      let changes = params["changes"]?.array ?? []
      if changes.contains(where: { $0["uri"]?.string?.hasSuffix(ConfigDiscovery.fileName) == true }) { configurationChanged() }
    default:
      break  // `initialized`, `$/…` and anything else a server may ignore
    }
  }

  /// Editor settings: `talosVersion`, `select`, `ignore` (as the command line's options).
  private func applySettings(_ settings: JSON?) {
    guard let settings, case .object = settings else { return }
    var overrides = SettingsOverlay()
    overrides.talosVersionSource = "the editor's talint.talosVersion"
    overrides.talosVersion = settings["talosVersion"]?.string.flatMap(TalosVersion.init(parsing:))
    overrides.select = settings["select"]?.array?.compactMap(\.string) ?? []
    overrides.ignore = settings["ignore"]?.array?.compactMap(\.string) ?? []
    if overrides != workspace.overrides { workspace.overrides = overrides }
  }

  /// A `.talint.yaml` changed: every open document is judged again.
  private func configurationChanged() {
    workspace.reload()
    for uri in documents.keys.sorted() { lint(uri) }
  }

  // MARK: Diagnostics

  private func lint(_ uri: String) {
    guard let document = documents[uri] else { return }
    let (diagnostics, release, role) = workspace.lint(document, open: Array(documents.values))
    judged[uri] = (release?.version ?? TalosVersion.newest, role.map(StructureHelp.describes) ?? false)
    for problem in workspace.takeProblems() {
      send(["jsonrpc": "2.0", "method": "window/showMessage", "params": ["type": 2, "message": .string("talint: \(problem)")]])
    }
    published[uri] = (document.version, diagnostics)
    publish(uri, version: document.version, diagnostics: diagnostics.map { lspDiagnostic($0, in: document, release: release) })
  }

  private func publish(_ uri: String, version: Int?, diagnostics: [JSON]) {
    var params: JSON = ["uri": .string(uri), "diagnostics": .array(diagnostics)]
    if let version, case .object(var object) = params {
      object["version"] = .int(version)
      params = .object(object)
    }
    send(["jsonrpc": "2.0", "method": "textDocument/publishDiagnostics", "params": params])
  }

  /// A finding as LSP publishes it; `data` says which release judged the document, as the
  /// command line's `json` and `sarif` do.
  private func lspDiagnostic(_ diagnostic: Diagnostic, in document: TextDocument, release: TalosRelease? = nil) -> JSON {
    let severity: Int =
      switch diagnostic.severity {
      case .error: 1
      case .warning: 2
      case .info: 3
      }
    var object: [String: JSON] = [
      "range": document.lspRange(diagnostic.range),
      "severity": .int(severity),
      "code": .string(diagnostic.ruleID),
      "codeDescription": ["href": .string(RuleDocs.url(diagnostic.ruleID))],
      "source": "talint",
      "message": .string(diagnostic.text),
    ]
    if let release {
      object["data"] = ["talosVersion": .string(release.version.description), "talosVersionSource": .string(release.source)]
    }
    if !diagnostic.notes.isEmpty {
      object["relatedInformation"] = .array(
        diagnostic.notes.map { note in
          ["location": ["uri": .string(document.uri), "range": document.lspRange(note.range)], "message": .string(note.message)]
        })
    }
    return .object(object)
  }

  // MARK: Hover and code actions

  /// The findings published for the document at an LSP range, while the document is still the
  /// version they were computed for.
  private func findings(_ uri: String, at range: JSON) -> (TextDocument, [Diagnostic])? {
    guard let document = documents[uri], let last = published[uri], last.version == document.version else { return nil }
    let first = range["start"]?["line"]?.int ?? 0
    let end = range["end"]?["line"]?.int ?? first
    let lines = (first + 1)...(max(first, end) + 1)
    return (document, last.diagnostics.filter { lines.overlaps($0.range.start.line...max($0.range.start.line, $0.range.end.line)) })
  }

  /// The findings on the line, then what Talos says about the key under the cursor.
  private func hover(_ params: JSON) -> JSON {
    guard let uri = params["textDocument"]?["uri"]?.string, let position = params["position"], let document = documents[uri] else { return .null }
    var sections: [String] = []
    var range: JSON?
    if let (_, found) = findings(uri, at: ["start": position, "end": position]), !found.isEmpty {
      sections += found.compactMap { diagnostic -> String? in
        guard let rule = AllRules.description(for: diagnostic.ruleID) ?? InputProblems.all.first(where: { $0.id == diagnostic.ruleID }) else { return nil }
        return "**\(rule.id) \(rule.name)** (\(diagnostic.severity.rawValue))\n\n\(diagnostic.text)\n\n\(rule.rationale)\n\n**Fix:** \(rule.remediation)\n\n[\(rule.id) docs](\(RuleDocs.url(rule.id)))"
      }
      range = document.lspRange(found[0].range)
    }
    if let (help, cursor) = structureHelp(uri, document, at: position), let text = help.hover(cursor) { sections.append(text) }
    guard !sections.isEmpty else { return .null }
    var result: [String: JSON] = ["contents": ["kind": "markdown", "value": .string(sections.joined(separator: "\n\n---\n\n"))]]
    if let range { result["range"] = range }
    return .object(result)
  }

  /// The keys or values that may be written at the cursor, for a Talos config.
  private func completion(_ params: JSON) -> [JSON] {
    guard let uri = params["textDocument"]?["uri"]?.string, let position = params["position"], let document = documents[uri],
      let (help, cursor) = structureHelp(uri, document, at: position)
    else { return [] }
    return help.completion(cursor)
  }

  private func structureHelp(_ uri: String, _ document: TextDocument, at position: JSON) -> (StructureHelp, CursorPath)? {
    let judgement = judged[uri] ?? (TalosVersion.newest, false)
    guard judgement.structured, let cursor = CursorPath.at(offset: document.offset(of: position), in: document.text) else { return nil }
    return (StructureHelp(release: judgement.release), cursor)
  }

  private func codeActions(_ params: JSON) -> [JSON] {
    guard let uri = params["textDocument"]?["uri"]?.string, let range = params["range"],
      let (document, found) = findings(uri, at: range)
    else { return [] }
    var actions: [JSON] = []
    for diagnostic in found {
      let lsp = lspDiagnostic(diagnostic, in: document)
      if let fix = diagnostic.fix {
        actions.append(action(fix.title, kind: "quickfix", diagnostic: lsp, edits: fix.edits, in: document, preferred: true))
      }
      actions.append(
        action("Suppress \(diagnostic.ruleID) on this line", kind: "quickfix", diagnostic: lsp, edits: [suppressLine(diagnostic, in: document)], in: document))
      actions.append(
        action("Suppress \(diagnostic.ruleID) in this file", kind: "quickfix", diagnostic: lsp, edits: [suppressFile(diagnostic)], in: document))
    }
    return actions
  }

  private func action(_ title: String, kind: String, diagnostic: JSON, edits: [TextEdit], in document: TextDocument, preferred: Bool = false) -> JSON {
    let changes: [JSON] = edits.map { ["range": document.lspRange($0.range), "newText": .string($0.replacement)] }
    var object: [String: JSON] = [
      "title": .string(title), "kind": .string(kind), "diagnostics": [diagnostic],
      "edit": ["changes": .object([document.uri: .array(changes)])],
    ]
    if preferred { object["isPreferred"] = true }
    return .object(object)
  }

  /// A trailing `# talint: ignore[…]` on the finding's line, or a comment line above it when the
  /// line already ends in a comment.
  private func suppressLine(_ diagnostic: Diagnostic, in document: TextDocument) -> TextEdit {
    let line = diagnostic.range.start.line
    let comment = "talint: ignore[\(diagnostic.ruleID)] -- <reason>"
    let text = line <= document.lines.lineCount ? document.lines.lineText(line) : ""
    // Read with the scanner that finds suppressions, which knows quoted and block-scalar text.
    let comments = YAMLParser.parse(document.text).comments()
    if !comments.contains(where: { $0.position.line == line && $0.isTrailing }) {
      let end = SourcePosition(line: line, column: text.unicodeScalars.count + 1)
      return .insert(" # " + comment, at: end)
    }
    let indent = String(text.prefix { $0 == " " || $0 == "\t" })
    return .insert(indent + "# " + comment + "\n", at: SourcePosition(line: line, column: 1))
  }

  private func suppressFile(_ diagnostic: Diagnostic) -> TextEdit {
    .insert("# talint: ignore-file[\(diagnostic.ruleID)] -- <reason>\n", at: SourcePosition(line: 1, column: 1))
  }

  // MARK: Sending

  private func reply(_ id: JSON, _ result: JSON) {
    send(["jsonrpc": "2.0", "id": id, "result": result])
  }

  private func sendError(id: JSON, code: Int, message: String) {
    send(["jsonrpc": "2.0", "id": id, "error": ["code": .int(code), "message": .string(message)]])
  }

  private func send(_ message: JSON) { writer.send(message) }
}
