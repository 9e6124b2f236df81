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
    .typed("KubeAPIServerCAConfig", ["issuingCA", "key"]),
    .typed("KubeAggregatorCAConfig", ["issuingCA", "key"]),
    .typed("KubeServiceAccountConfig", ["issuer", "privateKey"]),
    .typed("KubeEtcdEncryptionConfig", ["config", "resources", "[]", "providers", "[]", "*", "keys", "[]", "secret"]),
    .typed("DiscoveryIdentityConfig", ["clusterSecret"]),
    .typed("RegistryAuthConfig", ["password"]),
    .typed("RegistryAuthConfig", ["auth"]),
    .typed("RegistryAuthConfig", ["identityToken"]),
    .typed("RegistryTLSConfig", ["clientIdentity", "key"]),
    .typed("WireguardConfig", ["privateKey"]),
    .typed("WireguardConfig", ["peers", "[]", "presharedKey"]),
    .typed("HCloudVIPConfig", ["apiToken"]),
    .typed("SideroLinkConfig", ["uniqueToken"]),
    .typed("VolumeConfig", ["encryption", "keys", "[]", "static", "passphrase"]),
    .typed("UserVolumeConfig", ["encryption", "keys", "[]", "static", "passphrase"]),
    .typed("RawVolumeConfig", ["encryption", "keys", "[]", "static", "passphrase"]),
    .typed("SwapVolumeConfig", ["encryption", "keys", "[]", "static", "passphrase"]),
  ])

  /// True when a value is not plaintext: SOPS `ENC[…]`, a template placeholder, or a
  /// secret-manager reference (`op://`, `vault:`…).
  public static func isProtected(_ value: String) -> Bool {
    let trimmed = value.trimmingBlanks()
    if trimmed.hasPrefix("ENC[") || Placeholders.isTemplated(trimmed) { return true }
    return ["op://", "vault:", "ref+", "sops:", "env:"].contains { trimmed.hasPrefix($0) }
  }
}
