/// A sysctl a config sets, under its canonical dotted name.
public struct Sysctl: Sendable {
  /// `kernel.kptr_restrict`: `/` separators (sysctl.d style) are normalised to dots.
  public var name: String
  public var found: Found
  /// Which network hardening entry this sysctl is (any interface), matched once here for the
  /// rules that ask; an index, so a million sysctls do not carry copies of the entry.
  let networkHardeningIndex: Int?

  public var networkHardening: TalosDefaults.NetworkSysctl? { networkHardeningIndex.map { TalosDefaults.networkHardening[$0] } }
}

extension ConfigViews {
  /// The sysctls Talos hardens (KSPP in some release, or network hardening) from
  /// `machine.sysctls` and `SysctlConfig.params` (docs/talos-facts.md#sysctls: the two are merged
  /// on the node, the document winning). Others are passed over by their key's bytes, without a
  /// value made for them: a mapping may hold a million. `found`: what is at `sysctlLocations`.
  static func readHardenedSysctls(_ found: [(location: Int, found: Found)]) -> [Sysctl] {
    found.flatMap { map in
      map.found.entries(whereKey: mayBeHardened).compactMap { entry -> Sysctl? in
        let name = Self.canonicalSysctlName(entry.name)
        // Every network hardening sysctl is `net.ipv…`: most names are ruled out by that.
        let network = name.hasPrefix("net.ipv") ? TalosDefaults.networkHardening.firstIndex { $0.matches(name) } : nil
        guard network != nil || TalosDefaults.ksppSysctlNames.contains(name) else { return nil }
        return Sysctl(name: name, found: entry.value, networkHardeningIndex: network)
      }
    }
  }

  static let sysctlLocations = SettingLocations([.v1alpha1(["machine", "sysctls"]), .typed(.sysctlConfig, ["params"])])

  /// The first components of the hardened sysctls' names (`kernel`, `net`, …).
  private static let hardenedRoots: [[UInt8]] = {
    let names = Array(TalosDefaults.ksppSysctlNames) + TalosDefaults.networkHardening.map(\.family)
    return Array(Set(names.map { Array($0.utf8.prefix { $0 != UInt8(ascii: ".") }) }))
  }()

  /// True when a key's first component (before `.` or `/`) is one the hardened sysctls have.
  private static func mayBeHardened(_ key: ArraySlice<UInt8>) -> Bool {
    guard let end = key.firstIndex(where: { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "/") }) else { return false }
    return hardenedRoots.contains { key[key.startIndex..<end].elementsEqual($0) }
  }

  /// `kernel/kptr_restrict` → `kernel.kptr_restrict` (most names have no `/`; keep those as they are).
  static func canonicalSysctlName(_ name: String) -> String {
    guard name.containsBytes("/") else { return name }
    return String(name.map { $0 == "/" ? "." : $0 })
  }
}
