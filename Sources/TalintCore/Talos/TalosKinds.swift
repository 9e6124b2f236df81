/// The typed document kinds Talos defines (`apiVersion: v1alpha1` with one of these `kind`s),
/// by the release whose config schema first lists them. A document of another kind is not a
/// Talos file's (a Kubernetes or Flux object never has the bare `v1alpha1` API version, but a
/// tool of its own could), so this table, not the API version alone, decides a file's role.
public enum TalosKinds {
  /// Kinds by the first release whose schema lists them. The schemas talint reads start at
  /// 1.12: kinds listed there may be older (`NetworkRuleConfig` came in 1.6), which changes
  /// nothing here, as every release talint knows is judged with the same table.
  /// `KubeSpanEndpointsConfig` and `UnattendedInstallConfig` are what the decoder registers
  /// (the schema's enums say `KubeSpanEndpoints` and `UnattendedInstall`), and
  /// `ImageVerificationConfig` is decoded since 1.13 though no schema lists it.
  public static let introduced: [(release: TalosVersion, kinds: [String])] = [
    (
      TalosVersion(1, 12),
      [
        "BondConfig", "BridgeConfig", "DHCPv4Config", "DHCPv6Config", "DummyLinkConfig", "EthernetConfig",
        "EventSinkConfig", "ExistingVolumeConfig", "ExtensionServiceConfig", "HCloudVIPConfig", "HostnameConfig",
        "KmsgLogConfig", "KubeSpanEndpointsConfig", "Layer2VIPConfig", "LinkAliasConfig", "LinkConfig",
        "NetworkDefaultActionConfig", "NetworkRuleConfig", "OOMConfig", "PCIDriverRebindConfig", "RawVolumeConfig",
        "RegistryAuthConfig", "RegistryMirrorConfig", "RegistryTLSConfig", "ResolverConfig", "SideroLinkConfig",
        "StaticHostConfig", "SwapVolumeConfig", "TimeSyncConfig", "TrustedRootsConfig", "UserVolumeConfig", "VLANConfig",
        "VolumeConfig", "WatchdogTimerConfig", "WireguardConfig", "ZswapConfig",
      ]
    ),
    (
      TalosVersion(1, 13),
      [
        "BlackholeRouteConfig", "EnvironmentConfig", "ExternalVolumeConfig", "ImageVerificationConfig", "KubeSpanConfig",
        "RoutingRuleConfig", "TCPProbeConfig", "VRFConfig",
      ]
    ),
    (
      TalosVersion(1, 14),
      [
        "BGPInstanceConfig", "CRIBaseRuntimeSpecConfig", "CRICustomizationConfig", "ContainerConfig",
        "DiscoveryIdentityConfig", "DiscoveryServiceConfig", "EtcFileConfig", "FilesystemScrubConfig",
        "FilesystemTrimConfig", "HTTPProbeConfig", "ImageCacheConfig", "KernelModuleConfig", "KubeAPIServerCAConfig",
        "KubeAPIServerConfig", "KubeAdmissionControlConfig", "KubeAggregatorCAConfig", "KubeAuditPolicyConfig",
        "KubeAuthenticationConfig", "KubeAuthorizerConfig", "KubeClusterConfig", "KubeControllerManagerConfig",
        "KubeCoreDNSConfig", "KubeCredentialProviderConfig", "KubeEtcdEncryptionConfig", "KubeExternalManifestConfig",
        "KubeFlannelCNIConfig", "KubeInlineManifestConfig", "KubeNetworkConfig", "KubeNodeConfig", "KubePrismConfig",
        "KubeProxyConfig", "KubeSchedulerConfig", "KubeServiceAccountConfig", "KubeStaticPodConfig",
        "KubeTalosAPIAccessConfig", "KubeletConfig", "LVMLogicalVolumeConfig", "LVMVolumeGroupConfig", "RAIDArrayConfig",
        "SecurityProfileConfig", "SysctlConfig", "SysfsConfig", "UdevRulesConfig", "UnattendedInstallConfig",
        "VethConfig",
      ]
    ),
  ]

  /// Every kind some release defines.
  public static let all: Set<String> = Set(introduced.flatMap(\.kinds))

  /// Every kind, in a stable order (for suggestions).
  static let sorted: [String] = all.sorted()

  /// True for a kind Talos defines in some release.
  public static func isTalosKind(_ kind: String) -> Bool { all.contains(kind) }

  /// The first release whose schema lists `kind` (nil for a kind Talos does not define).
  public static func release(introducing kind: String) -> TalosVersion? {
    introduced.first { $0.kinds.contains(kind) }?.release
  }
}

/// The keys of the legacy v1alpha1 document that only a Talos config has below `machine:` and
/// `cluster:` (the Go structs' fields, deprecated ones included). A top-level `machine:` or
/// `cluster:` alone does not make a Talos file: Helm values (`cluster: {name: …, id: 1}` for
/// Cilium), Ansible variables and application configs use the words too, so at least one of
/// these keys must sit below it. A top-level `machine:` is rare outside Talos, and every field
/// counts; below `cluster:` the fields other tools use alike (`id`, `secret`, `token`, `ca`)
/// are left out on purpose.
public enum TalosKeys {
  public static let machine: Set<String> = [
    "acceptedCAs", "baseRuntimeSpecOverrides", "ca", "certSANs", "controlPlane", "disks", "env", "features", "files",
    "install", "kernel", "kubelet", "logging", "network", "nodeAnnotations", "nodeLabels", "nodeTaints", "pods",
    "registries", "seccompProfiles", "sysctls", "sysfs", "systemDiskEncryption", "time", "token", "type", "udev",
  ]

  public static let cluster: Set<String> = [
    "acceptedCAs", "adminKubeconfig", "aescbcEncryptionSecret", "aggregatorCA", "allowSchedulingOnControlPlanes",
    "allowSchedulingOnMasters", "apiServer", "clusterName", "controlPlane", "controllerManager", "coreDNS", "discovery",
    "etcd", "externalCloudProvider", "extraManifestHeaders", "extraManifests", "inlineManifests", "network", "proxy",
    "scheduler", "secretboxEncryptionSecret", "serviceAccount",
  ]

  /// The keys below `customization:` of an Image Factory schematic.
  public static let schematicCustomization: Set<String> = [
    "extraKernelArgs", "meta", "systemExtensions", "secureboot", "bootloader", "embeddedMachineConfiguration",
  ]

  /// The Talos keys of a top-level section (`machine` or `cluster`), nil for another section.
  static func below(_ section: String) -> Set<String>? {
    switch section {
    case "machine": machine
    case "cluster": cluster
    default: nil
    }
  }
}

/// A typed document's kind (`kind: KubeletConfig`), as rules and views name it: a constant
/// below rather than a string, so a misspelt kind does not compile into a lookup that never
/// matches.
public struct TalosKind: Hashable, Sendable, CustomStringConvertible {
  public let name: String

  public init(_ name: String) { self.name = name }

  public var description: String { name }

  public static let kubeletConfig = TalosKind("KubeletConfig")
  public static let kubeAPIServerConfig = TalosKind("KubeAPIServerConfig")
  public static let kubeAPIServerCAConfig = TalosKind("KubeAPIServerCAConfig")
  public static let kubeNodeConfig = TalosKind("KubeNodeConfig")
  public static let kubeControllerManagerConfig = TalosKind("KubeControllerManagerConfig")
  public static let kubeSchedulerConfig = TalosKind("KubeSchedulerConfig")
  public static let kubeProxyConfig = TalosKind("KubeProxyConfig")
  public static let kubeAdmissionControlConfig = TalosKind("KubeAdmissionControlConfig")
  public static let kubeAuthenticationConfig = TalosKind("KubeAuthenticationConfig")
  public static let kubeAuditPolicyConfig = TalosKind("KubeAuditPolicyConfig")
  public static let kubeTalosAPIAccessConfig = TalosKind("KubeTalosAPIAccessConfig")
  public static let kubeExternalManifestConfig = TalosKind("KubeExternalManifestConfig")
  public static let sysctlConfig = TalosKind("SysctlConfig")
  public static let networkRuleConfig = TalosKind("NetworkRuleConfig")
  public static let networkDefaultActionConfig = TalosKind("NetworkDefaultActionConfig")
  public static let securityProfileConfig = TalosKind("SecurityProfileConfig")
  public static let eventSinkConfig = TalosKind("EventSinkConfig")
  public static let kmsgLogConfig = TalosKind("KmsgLogConfig")
  public static let registryMirrorConfig = TalosKind("RegistryMirrorConfig")
  public static let registryTLSConfig = TalosKind("RegistryTLSConfig")
  public static let unattendedInstallConfig = TalosKind("UnattendedInstallConfig")
}
