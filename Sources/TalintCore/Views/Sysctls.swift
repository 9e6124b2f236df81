/// A sysctl a config sets, under its canonical dotted name.
public struct Sysctl: Sendable {
  /// `kernel.kptr_restrict`: `/` separators (sysctl.d style) are normalised to dots.
  public var name: String
  public var found: Found
}

extension TalosConfig {
  /// Sysctls from `machine.sysctls` and `SysctlConfig.params` (FACTS.md §2, §4: the two are
  /// merged on the node, the document winning).
  public var sysctls: [Sysctl] {
    find([.v1alpha1(["machine", "sysctls"]), .typed("SysctlConfig", ["params"])]).flatMap { map in
      map.entries.map { entry in
        Sysctl(name: entry.name.replacing("/", with: "."), found: entry.value)
      }
    }
  }
}
