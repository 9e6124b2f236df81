import TalintYAML

/// Fields that hold secret material: what Talos's own `Redact` methods blank out
/// (docs/talos-facts.md#secret-material), as setting locations.
public enum SecretFields {
  public static let locations = SettingLocations([
    .v1alpha1(["machine", "token"]),
    .v1alpha1(["machine", "ca", "key"]),
    .v1alpha1(["machine", "registries", "config", "*", "auth", "password"]),
    .v1alpha1(["machine", "registries", "config", "*", "auth", "auth"]),
    .v1alpha1(["machine", "registries", "config", "*", "auth", "identityToken"]),
    .v1alpha1(["machine", "registries", "config", "*", "tls", "clientIdentity", "key"]),
    .v1alpha1(["machine", "network", "interfaces", "[]", "wireguard", "privateKey"]),
    .v1alpha1(["machine", "network", "interfaces", "[]", "vip", "equinixMetal", "apiToken"]),
    .v1alpha1(["machine", "network", "interfaces", "[]", "vip", "hcloud", "apiToken"]),
    .v1alpha1(["machine", "network", "interfaces", "[]", "vlans", "[]", "vip", "equinixMetal", "apiToken"]),
    .v1alpha1(["machine", "network", "interfaces", "[]", "vlans", "[]", "vip", "hcloud", "apiToken"]),
    .v1alpha1(["machine", "systemDiskEncryption", "state", "keys", "[]", "static", "passphrase"]),
    .v1alpha1(["machine", "systemDiskEncryption", "ephemeral", "keys", "[]", "static", "passphrase"]),
    .v1alpha1(["cluster", "secret"]),
    .v1alpha1(["cluster", "token"]),
    .v1alpha1(["cluster", "aescbcEncryptionSecret"]),
    .v1alpha1(["cluster", "secretboxEncryptionSecret"]),
    .v1alpha1(["cluster", "serviceAccount", "key"]),
    .v1alpha1(["cluster", "ca", "key"]),
    .v1alpha1(["cluster", "aggregatorCA", "key"]),
    .v1alpha1(["cluster", "etcd", "ca", "key"]),
    .typed(TalosKind("KubeAPIServerCAConfig"), ["issuingCA", "key"]),
    .typed(TalosKind("KubeAggregatorCAConfig"), ["issuingCA", "key"]),
    .typed(TalosKind("KubeServiceAccountConfig"), ["issuer", "privateKey"]),
    .typed(TalosKind("KubeEtcdEncryptionConfig"), ["config", "resources", "[]", "providers", "[]", "*", "keys", "[]", "secret"]),
    .typed(TalosKind("DiscoveryIdentityConfig"), ["clusterSecret"]),
    .typed(TalosKind("RegistryAuthConfig"), ["password"]),
    .typed(TalosKind("RegistryAuthConfig"), ["auth"]),
    .typed(TalosKind("RegistryAuthConfig"), ["identityToken"]),
    .typed(TalosKind("RegistryTLSConfig"), ["clientIdentity", "key"]),
    .typed(TalosKind("WireguardConfig"), ["privateKey"]),
    .typed(TalosKind("WireguardConfig"), ["peers", "[]", "presharedKey"]),
    .typed(TalosKind("HCloudVIPConfig"), ["apiToken"]),
    .typed(TalosKind("SideroLinkConfig"), ["uniqueToken"]),
    .typed(TalosKind("VolumeConfig"), ["encryption", "keys", "[]", "static", "passphrase"]),
    .typed(TalosKind("UserVolumeConfig"), ["encryption", "keys", "[]", "static", "passphrase"]),
    .typed(TalosKind("RawVolumeConfig"), ["encryption", "keys", "[]", "static", "passphrase"]),
    .typed(TalosKind("SwapVolumeConfig"), ["encryption", "keys", "[]", "static", "passphrase"]),
  ])

  /// True when a value is not plaintext: SOPS `ENC[…]`, a template placeholder, or a
  /// secret-manager reference (`op://`, `vault:`…).
  public static func isProtected(_ value: String) -> Bool {
    let trimmed = value.trimmingBlanks()
    if trimmed.hasPrefix("ENC[") || Placeholders.isTemplated(trimmed) { return true }
    return ["op://", "vault:", "ref+", "sops:", "env:"].contains { trimmed.hasPrefix($0) }
  }
}
