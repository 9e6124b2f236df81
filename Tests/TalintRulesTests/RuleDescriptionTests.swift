import TalintCore
import TalintRules
import Testing

/// The registry's self-check: every description is complete and consistent.
@Suite struct RuleDescriptionTests {
  static let areas: [Character: String] = [
    "0": "YAML and input", "1": "kernel arguments", "2": "sysctls", "3": "control plane and kubelet",
    "4": "Pod Security", "5": "firewall", "6": "secrets", "7": "Talos API",
  ]

  @Test func idsAndNamesAreUniqueAndWellFormed() {
    let descriptions = AllRules.descriptions
    #expect(Set(descriptions.map(\.id)).count == descriptions.count)
    #expect(Set(descriptions.map(\.name)).count == descriptions.count)
    for rule in descriptions {
      #expect(rule.id.count == 6 && rule.id.hasPrefix("TAL") && Int(rule.id.dropFirst(3)) != nil, "\(rule.id)")
      #expect(Self.areas[rule.id.dropFirst(3).first!] != nil, "\(rule.id) is outside every area")
      let kebab = rule.name.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "-" }
      #expect(kebab && !rule.name.hasPrefix("-") && !rule.name.hasSuffix("-"), "\(rule.name) is not kebab-case")
    }
  }

  @Test func registryIsSortedByID() {
    let ids = AllRules.rules.map { $0.description.id }
    #expect(ids == ids.sorted())
  }

  @Test func descriptionsAreComplete() {
    for rule in AllRules.descriptions {
      #expect(!rule.summary.isEmpty && !rule.rationale.isEmpty && !rule.remediation.isEmpty, "\(rule.id)")
      #expect(!rule.references.isEmpty, "\(rule.id) has no reference")
      #expect(rule.examples.contains { $0.verdict == .triggering }, "\(rule.id) has no triggering example")
      #expect(rule.examples.contains { $0.verdict == .passing }, "\(rule.id) has no passing example")
    }
  }

  @Test func descriptionsFindByIDOrName() {
    #expect(AllRules.description(for: "tal101")?.name == "kspp-kernel-arg-removed")
    #expect(AllRules.description(for: "duplicate-key")?.id == "TAL002")
    #expect(AllRules.description(for: "TAL999") == nil)
  }

  /// CIS references name controls that exist in kube-bench's cis-1.10 (`cfg/cis-1.10/` in
  /// aquasecurity/kube-bench).
  @Test func cisReferencesAreKnownControls() throws {
    let known: Set<String> = [
      "1.2.1", "1.2.2", "1.2.6", "1.2.10", "1.2.12", "1.2.13", "1.2.14", "1.2.15", "1.2.16", "1.2.17", "1.2.18",
      "1.2.19", "1.2.21", "1.2.24", "1.2.29", "1.3.2", "1.3.3", "1.3.6", "1.3.7", "1.4.1", "1.4.2", "2.1", "3.2.1", "3.2.2", "4.2.1",
      "4.2.2", "4.2.4", "4.2.5", "4.2.6", "4.2.10", "4.2.11", "4.2.12", "4.3.1", "5.2.1", "5.2.2", "5.2.3", "5.2.4",
      "5.2.5", "5.2.6", "5.2.7", "5.2.8", "5.4.1", "5.7.2",
    ]
    for rule in AllRules.descriptions {
      for id in rule.references.compactMap(\.cisID) {
        #expect(known.contains(id), "\(rule.id) cites CIS \(id), which is not a cis-1.10 control")
      }
    }
  }
}
