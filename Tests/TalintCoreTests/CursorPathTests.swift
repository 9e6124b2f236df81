import Testing
import TalintCore

/// The path under an editor's cursor, read from indentation: `‸` in each text marks the cursor.
@Suite struct CursorPathTests {
  static func path(_ marked: String) -> CursorPath? {
    let parts = marked.components(separatedBy: "‸")
    precondition(parts.count == 2, "one cursor mark")
    return CursorPath.at(offset: parts[0].utf8.count, in: Array((parts[0] + parts[1]).utf8))
  }

  @Test func keyUnderTheCursor() {
    let path = Self.path("machine:\n  install:\n    extraKer‸nelArgs:\n      - pti=on\n")
    #expect(path == CursorPath(parents: ["machine", "install"], key: "extraKernelArgs", inValue: false))
  }

  @Test func halfTypedKeyOnItsOwnLine() {
    #expect(Self.path("machine:\n  kubelet:\n    extraC‸\n") == CursorPath(parents: ["machine", "kubelet"], key: "extraC", inValue: false))
  }

  @Test func emptyLineTakesTheCursorColumnAsIndentation() {
    let text = "machine:\n  kubelet:\n    image: x\n  ‸\n"
    #expect(Self.path(text) == CursorPath(parents: ["machine"], key: "", inValue: false))
    #expect(Self.path("machine:\n  kubelet:\n    image: x\n‸\n") == CursorPath(parents: [], key: "", inValue: false))
  }

  @Test func valueAfterTheColon() {
    #expect(Self.path("machine:\n  type: ‸\n") == CursorPath(parents: ["machine"], key: "type", inValue: true))
  }

  @Test func listItemsAreBrackets() {
    let text = """
      machine:
        network:
          interfaces:
            - interface: eth0
              addresses: [10.0.0.2/24]
              vip:
                i‸p: 10.0.0.1

      """
    #expect(Self.path(text) == CursorPath(parents: ["machine", "network", "interfaces", "[]", "vip"], key: "ip", inValue: false))
    let item = "machine:\n  network:\n    interfaces:\n      - interface: eth0\n        ‸\n"
    #expect(Self.path(item) == CursorPath(parents: ["machine", "network", "interfaces", "[]"], key: "", inValue: false))
    let newItem = "machine:\n  network:\n    interfaces:\n      - interface: eth0\n      - ‸\n"
    #expect(Self.path(newItem) == CursorPath(parents: ["machine", "network", "interfaces", "[]"], key: "", inValue: false))
    let firstKey = "machine:\n  network:\n    interfaces:\n      - inter‸face: eth0\n"
    #expect(Self.path(firstKey) == CursorPath(parents: ["machine", "network", "interfaces", "[]"], key: "interface", inValue: false))
  }

  @Test func typedDocumentsNameTheirKind() {
    let text = "version: v1alpha1\nmachine: {}\n---\napiVersion: v1alpha1\nkind: NetworkRuleConfig\nname: x\ningress:\n  - sub‸net: 0.0.0.0/0\n"
    #expect(Self.path(text) == CursorPath(parents: ["ingress", "[]"], key: "subnet", inValue: false, kind: "NetworkRuleConfig", apiVersion: "v1alpha1"))
  }

  @Test func noPathInCommentsBlockScalarsOrFlowCollections() {
    #expect(Self.path("machine:\n  # a comm‸ent\n") == nil)
    #expect(Self.path("machine:\n  files:\n    - content: |\n        he‸llo\n") == nil)
    #expect(Self.path("machine:\n  certSANs: [a, ‸b]\n") == nil)
  }

  @Test func quotedKeysAndCRLF() {
    #expect(Self.path("machine:\r\n  \"kub‸elet\":\r\n") == CursorPath(parents: ["machine"], key: "kubelet", inValue: false))
  }

  @Test func keyAfterABlockScalarSibling() {
    let text = "machine:\n  files:\n    - content: |\n        hello\n      pa‸th: /x\n"
    #expect(Self.path(text) == CursorPath(parents: ["machine", "files", "[]"], key: "path", inValue: false))
  }
}
