import TalintCore
import Testing

/// The structure model answers what the editor asks: a key's children, description, values,
/// deprecation and the release it came in.
@Suite struct StructureModelTests {
  let v112 = TalosStructure.for(TalosVersion(1, 12))

  @Test func childrenOfAMappingAreItsKeys() {
    let names = v112.node(kind: nil, path: ["machine", "install"])?.children.map(\.name) ?? []
    #expect(names.contains("extraKernelArgs"))
    #expect(names.contains("disk"))
    #expect(!names.contains("extraKernalArgs"))
  }

  @Test func descriptionIsTalosOwn() throws {
    let text = try #require(v112.node(kind: nil, path: ["machine", "install", "disk"])?.description)
    #expect(text.contains("disk"))
  }

  @Test func enumValuesAreListed() {
    #expect(v112.node(kind: nil, path: ["cluster", "network", "cni", "name"])?.enumValues == ["flannel", "custom", "none"])
    #expect(v112.node(kind: nil, path: ["machine", "install", "disk"])?.enumValues.isEmpty == true)
  }

  @Test func listElementsAndMapValuesAreSteppedInto() throws {
    let mount = try #require(v112.node(kind: nil, path: ["machine", "kubelet", "extraMounts", "[]", "destination"]))
    #expect(mount.shape.kind == .string)
    let mirror = try #require(v112.node(kind: nil, path: ["machine", "registries", "mirrors", "docker.io"]))
    #expect(mirror.children.map(\.name).contains("endpoints"))
    #expect(v112.node(kind: nil, path: ["machine", "sysctls", "any.key.at.all"]) != nil)
  }

  @Test func releasesDifferInTheirKeysAndKinds() throws {
    let v111 = TalosStructure.for(TalosVersion(1, 11))
    #expect(v111.node(kind: nil, path: ["machine", "install", "grubUseUKICmdline"]) == nil)
    let added = try #require(v112.node(kind: nil, path: ["machine", "install", "grubUseUKICmdline"]))
    #expect(added.addedIn == TalosVersion(1, 12))
    #expect(!v111.kinds.contains("KubeletConfig"))
    #expect(TalosStructure.for(TalosVersion(1, 14)).kinds.contains("KubeletConfig"))
    #expect(TalosStructure.releases(decoding: "KubeletConfig").first == TalosVersion(1, 14))
  }

  @Test func deprecationNamesTheReplacement() throws {
    let v114 = TalosStructure.for(TalosVersion(1, 14))
    let sysctls = try #require(v114.node(kind: nil, path: ["machine", "sysctls"]))
    #expect(sysctls.deprecation?.contains("SysctlConfig") == true)
    #expect(TalosStructure.for(TalosVersion(1, 8)).node(kind: nil, path: ["machine", "sysctls"])?.deprecation == nil)
  }

  @Test func typedDocumentsHaveTheirOwnRoot() throws {
    let rule = try #require(v112.root(kind: "NetworkRuleConfig"))
    #expect(rule.children.map(\.name).contains("ingress"))
    #expect(v112.root(kind: "NoSuchConfig") == nil)
  }
}
