/// Listen addresses as components take them: `127.0.0.1`, `[::1]:10249`, `localhost:8080`.
enum Addresses {
  /// True when an address (optionally with a port) only listens on loopback.
  static func isLoopback(_ text: String) -> Bool {
    var host = Substring(text.lowercased())
    if host.hasPrefix("[") {
      host = host.dropFirst().prefix(while: { $0 != "]" })
    } else if host.filter({ $0 == ":" }).count == 1 {
      host = host.prefix(while: { $0 != ":" })
    }
    return host == "localhost" || host == "::1" || host.hasPrefix("127.")
  }

  /// The host of a URL such as `http://0.0.0.0:2381`, or nil when it is not one.
  static func urlHost(_ url: String) -> (scheme: String, hostAndPort: String)? {
    guard let separator = url.firstRange(of: "://") else { return nil }
    let scheme = String(url[..<separator.lowerBound]).lowercased()
    let rest = url[separator.upperBound...].prefix(while: { $0 != "/" })
    return (scheme, String(rest))
  }
}
