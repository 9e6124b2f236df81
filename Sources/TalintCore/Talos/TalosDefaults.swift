import Synchronization

/// How a hardening sysctl can be weakened.
public enum SysctlRequirement: Sendable, Equatable {
  /// Values below this are weaker (e.g. `kernel.kptr_restrict` below 2).
  case atLeast(Int)
  /// Values above this are weaker (e.g. `fs.suid_dumpable` above 0).
  case atMost(Int)
}

/// Talos's own settings, per release, as data: what a config weakens is measured against these.
/// Where a setting changed at a release, the release is a `ReleaseGate` (ReleaseGates.swift).
/// Sources: docs/talos-facts.md, the sections named at each table below.
public struct TalosDefaults: Sendable {
  public let version: TalosVersion
  private let tables: Tables

  public init(version: TalosVersion) {
    self.version = version
    tables = Tables.of(version)
  }

  /// The per-release tables, built once per release a run meets: every file and machine asks
  /// for them, several times per rule.
  private struct Tables: Sendable {
    var kernelArgs: [String]
    var ksppSysctls: [String: (value: Int, requirement: SysctlRequirement)]
    var deniedArgs: PerComponent<Set<String>>

    private static let built = Mutex<[TalosVersion: Tables]>([:])

    static func of(_ version: TalosVersion) -> Tables {
      if let known = built.withLock({ $0[version] }) { return known }
      let denied = PerComponent { TalosDefaults.deniedArgs($0, version) }
      let tables = Tables(
        kernelArgs: TalosDefaults.kernelArgs(version), ksppSysctls: TalosDefaults.ksppSysctls(version), deniedArgs: denied)
      built.withLock { $0[version] = tables }
      return tables
    }
  }

  // MARK: Kernel command line (docs/talos-facts.md#kernel-command-line)

  /// Kernel arguments Talos puts on every command line for this release.
  public var kernelArgs: [String] { tables.kernelArgs }

  private static func kernelArgs(_ version: TalosVersion) -> [String] {
    var args = ["slab_nomerge", "pti=on", "consoleblank=0", "printk.devkmsg=on"]
    if version.has(.selinux) { args.append("selinux=1") }
    if !version.has(.initOnAllocDropped) { args.insert("init_on_alloc=1", at: 0) }
    if version.has(.moduleSigning) { args.append("module.sig_enforce=1") }
    if version.has(.procMemProtected) { args.append("proc_mem.force_override=never") }
    return args
  }

  /// The arguments Talos's boot-time KSPP check requires; without them it refuses to boot.
  public static let bootRequiredKernelArgs: Set<String> = ["slab_nomerge", "pti"]

  // MARK: Sysctls (docs/talos-facts.md#sysctls)

  /// The KSPP sysctls Talos sets for this release and how each can be weakened.
  public var ksppSysctls: [String: (value: Int, requirement: SysctlRequirement)] { tables.ksppSysctls }

  /// Every sysctl some known release sets as KSPP: a config's other sysctls (a mapping may hold
  /// a million) are set aside once, not looked up by each rule.
  static let ksppSysctlNames = Set(TalosVersion.known.flatMap { ksppSysctls($0).keys })

  private static func ksppSysctls(_ version: TalosVersion) -> [String: (value: Int, requirement: SysctlRequirement)] {
    var table: [String: (Int, SysctlRequirement)] = [
      "kernel.kptr_restrict": (1, .atLeast(1)),
      "kernel.dmesg_restrict": (1, .atLeast(1)),
      "kernel.perf_event_paranoid": (3, .atLeast(3)),
      "kernel.yama.ptrace_scope": (1, .atLeast(1)),
      "user.max_user_namespaces": (0, .atMost(0)),
      "kernel.unprivileged_bpf_disabled": (1, .atLeast(1)),
      "net.core.bpf_jit_harden": (2, .atLeast(2)),
    ]
    if version.has(.ksppSysctlsExtended) {
      table["kernel.kptr_restrict"] = (2, .atLeast(2))
      table["kernel.yama.ptrace_scope"] = (2, .atLeast(2))
      table["dev.tty.ldisc_autoload"] = (0, .atMost(0))
      table["dev.tty.legacy_tiocsti"] = (0, .atMost(0))
      table["fs.protected_symlinks"] = (1, .atLeast(1))
      table["fs.protected_hardlinks"] = (1, .atLeast(1))
      table["fs.protected_fifos"] = (2, .atLeast(2))
      table["fs.protected_regular"] = (2, .atLeast(2))
      table["fs.suid_dumpable"] = (0, .atMost(0))
      table["kernel.randomize_va_space"] = (2, .atLeast(2))
      table["vm.unprivileged_userfaultfd"] = (0, .atMost(0))
    }
    return table.mapValues { (value: $0.0, requirement: $0.1) }
  }

  /// A network hardening sysctl from Talos's guide and defaults (docs/talos-facts.md#sysctls): its
  /// family, the last component of its name (any interface in between), and the value that weakens
  /// it.
  public struct NetworkSysctl: Sendable {
    public var family: String
    public var suffix: String
    public var weakValue: Int

    /// Compares bytes: sysctl names are ASCII, and this runs for every sysctl a config sets.
    public func matches(_ name: String) -> Bool {
      var name = name
      return name.withUTF8 { bytes in
        let (family, suffix) = (self.family.utf8, self.suffix.utf8)
        // The family ends with a dot, so a name as long as both has it before the suffix.
        guard bytes.count >= family.count + suffix.count, bytes.starts(with: family) else { return false }
        let tail = bytes.count - suffix.count
        return bytes[tail - 1] == UInt8(ascii: ".") && bytes[tail...].elementsEqual(suffix)
      }
    }
  }

  public static let networkHardening: [NetworkSysctl] = [
    NetworkSysctl(family: "net.ipv4.conf.", suffix: "accept_redirects", weakValue: 1),
    NetworkSysctl(family: "net.ipv4.conf.", suffix: "secure_redirects", weakValue: 1),
    NetworkSysctl(family: "net.ipv4.conf.", suffix: "send_redirects", weakValue: 1),
    NetworkSysctl(family: "net.ipv4.conf.", suffix: "accept_source_route", weakValue: 1),
    NetworkSysctl(family: "net.ipv6.conf.", suffix: "accept_redirects", weakValue: 1),
    NetworkSysctl(family: "net.ipv6.conf.", suffix: "accept_source_route", weakValue: 1),
    NetworkSysctl(family: "net.ipv4.", suffix: "tcp_syncookies", weakValue: 0),
    NetworkSysctl(family: "net.ipv4.", suffix: "icmp_echo_ignore_broadcasts", weakValue: 0),
    NetworkSysctl(family: "net.ipv4.", suffix: "icmp_ignore_bogus_error_responses", weakValue: 0),
  ]

  // MARK: Control plane (docs/talos-facts.md#control-plane-flags)

  /// Flags Talos sets itself and refuses from `extraArgs` (the static pod or service is then
  /// not started).
  public func deniedArgs(_ component: Component) -> Set<String> { tables.deniedArgs[component] }

  private static func deniedArgs(_ component: Component, _ version: TalosVersion) -> Set<String> {
    switch component {
    case .apiServer:
      var denied: Set<String> = [
        "etcd-servers", "client-ca-file", "requestheader-client-ca-file", "proxy-client-cert-file",
        "proxy-client-key-file", "encryption-provider-config", "etcd-cafile", "etcd-certfile", "etcd-keyfile",
        "kubelet-client-certificate", "kubelet-client-key", "service-account-key-file",
        "service-account-signing-key-file", "tls-cert-file", "tls-private-key-file", "authorization-config",
      ]
      if version.has(.tlsMinimumOwned) { denied.insert("tls-min-version") }
      return denied
    case .controllerManager:
      return [
        "cluster-signing-cert-file", "cluster-signing-key-file", "authentication-kubeconfig",
        "authorization-kubeconfig", "root-ca-file", "service-account-private-key-file",
      ]
    case .scheduler:
      return ["kubeconfig", "authentication-kubeconfig", "authorization-kubeconfig", "config"]
    case .etcd:
      var denied: Set<String> = [
        "name", "auto-tls", "peer-auto-tls", "data-dir", "listen-peer-urls", "listen-client-urls",
        "client-cert-auth", "cert-file", "key-file", "trusted-ca-file", "peer-client-cert-auth", "peer-cert-file",
        "peer-key-file", "peer-trusted-ca-file",
      ]
      if version.has(.etcdFlagsRenamed) {
        denied.formUnion(["listen-client-http-urls", "feature-gates", "watch-progress-notify-interval", "tls-min-version"])
      } else {
        denied.formUnion([
          "experimental-initial-corrupt-check", "experimental-watch-progress-notify-interval",
          "experimental-compact-hash-check-enabled",
        ])
      }
      return denied
    case .proxy:
      return ["kubeconfig", "config"]
    case .kubelet:
      return ["bootstrap-kubeconfig", "kubeconfig", "container-runtime", "container-runtime-endpoint", "config", "cert-dir"]
    }
  }

  /// Prefixes Talos rejects in `KubeAPIServerConfig.extraArgs` at validation time, with the
  /// document to use instead.
  public static let apiServerDocumentDeniedPrefixes: [(prefix: String, instead: String)] = [
    ("anonymous-auth", "KubeAuthenticationConfig"), ("oidc-", "KubeAuthenticationConfig"),
    ("authentication-config", "KubeAuthenticationConfig"), ("authorization-config", "KubeAuthorizerConfig"),
    ("authorization-mode", "KubeAuthorizerConfig"), ("authorization-webhook-", "KubeAuthorizerConfig"),
  ]

  /// Keys of the kubelet configuration Talos owns; `extraConfig`/`config` may not set them
  /// (docs/talos-facts.md#kubelet).
  public static let kubeletProtectedConfigKeys: Set<String> = [
    "apiVersion", "authentication", "authorization", "cgroupRoot", "kind", "kubeletCgroups", "port",
    "protectKernelDefaults", "resolvConf", "rotateCertificates", "systemCgroups", "staticPodPath", "seccompDefault",
  ]

  // MARK: Pod Security Admission (docs/talos-facts.md#pod-security-admission)

  /// Namespaces `talosctl gen config` exempts from Pod Security Admission.
  public static let podSecurityExemptNamespaces: Set<String> = ["kube-system"]

  // MARK: Audit log retention (docs/talos-facts.md#control-plane-flags, CIS 1.2.17–1.2.19)

  public static let auditLogMinimums: [(flag: String, minimum: Int, cis: String)] = [
    ("audit-log-maxage", 30, "1.2.17"), ("audit-log-maxbackup", 10, "1.2.18"), ("audit-log-maxsize", 100, "1.2.19"),
  ]

  // MARK: TLS (docs/talos-facts.md#tls-minimum-versions-tal311-tal310)

  /// The TLS version (12 for 1.2, 13 for 1.3) below which `component` refuses connections
  /// when the config does not set `tls-min-version` (or the kubelet's `tlsMinVersion`): Talos
  /// sets VersionTLS13 for the kubelet, controller-manager and scheduler in every known
  /// release, and for kube-apiserver from 1.14, where the override is denied; before, the API
  /// server takes VersionTLS12 (docs/talos-facts.md#tls-minimum-versions-tal311-tal310).
  public func tlsMinimum(_ component: Component) -> Int {
    component == .apiServer && !version.has(.tlsMinimumOwned) ? 12 : 13
  }

  /// Cipher suites kube-bench's cis-1.10 accepts for kube-apiserver (1.2.29), without its
  /// ECDHE CBC-SHA1 suites: CBC with HMAC-SHA1 is the construction of the Lucky13 and
  /// padding-oracle attacks, which the kubelet's list (4.2.12) already leaves out.
  public static let apiServerStrongCiphers: Set<String> = [
    "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
    "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
    "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305", "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
    "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
    "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
  ]

  /// Cipher suites kube-bench's cis-1.10 accepts for the kubelet (4.2.12), plus the TLS 1.3
  /// suites (which Go does not let one configure, but which are not weak).
  public static let kubeletStrongCiphers: Set<String> = [
    "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
    "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
    "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
    "TLS_RSA_WITH_AES_256_GCM_SHA384", "TLS_RSA_WITH_AES_128_GCM_SHA256",
    "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
  ]
}

extension TalosDefaults {
  /// True when this release has passed `gate`.
  public func has(_ gate: ReleaseGate) -> Bool { version.has(gate) }
}
