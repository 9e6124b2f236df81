import TalintCore
import TalintYAML
import Testing

/// A patch document without a `$patch` marker merges without looking for deletions; one whose
/// marker is only reachable through an alias must still have it applied.
@Suite struct DeleteMarkerMergeTests {
  /// The merged v1alpha1 `machine` mapping after `patch` (rooted at its `patch` key) merges
  /// into a worker base.
  func machine(afterPatch text: String) throws -> (arena: YAMLDocument, machine: NodeID) {
    var merged = MergedConfig()
    try merged.apply(PatchInput(parsed: YAMLParser.parse(Array("machine:\n  type: worker\n".utf8)).documents, file: 0))
    let patch = YAMLParser.parse(Array(text.utf8)).documents[0]
    let top = try #require(patch.root)
    let root = try #require(patch.value(forKey: "patch", in: top))
    try merged.apply(PatchInput(documents: [PatchInput.Document(yaml: patch, root: root)], file: 1))
    let document = try #require(merged.documents.first)
    return (merged.arena, try #require(merged.arena.value(forKey: "machine", in: document.root)))
  }

  @Test func aMarkerReachedThroughAnAliasStillStripsTheValue() throws {
    let (arena, machine) = try machine(afterPatch: """
      gone: &gone
        $patch: delete
      patch:
        machine:
          network: *gone
          kubelet:
            image: kubelet:v1
      """)
    #expect(arena.value(forKey: "network", in: machine) == nil, "the deleted value was merged as an empty mapping")
    #expect(arena.value(forKey: "kubelet", in: machine) != nil)
  }

  /// The quick test reads the document's text: a key spelled with an escape is decoded there
  /// too, so its marker is not missed.
  @Test func aMarkerSpelledWithAnEscapeStillStripsTheValue() throws {
    let (arena, machine) = try machine(afterPatch: """
      patch:
        machine:
          network:
            "\\x24patch": delete
          kubelet:
            image: kubelet:v1
      """)
    #expect(arena.value(forKey: "network", in: machine) == nil, "the deleted value was merged")
    #expect(arena.value(forKey: "kubelet", in: machine) != nil)
  }

  @Test func aPatchWithoutMarkersMergesEveryValue() throws {
    let (arena, machine) = try machine(afterPatch: """
      patch:
        machine:
          network: {}
          kubelet:
            image: kubelet:v1
      """)
    #expect(arena.value(forKey: "network", in: machine) != nil)
    #expect(arena.value(forKey: "type", in: machine).flatMap(arena.scalar) == "worker")
  }
}
