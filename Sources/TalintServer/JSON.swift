import FoundationEssentials
// FoundationEssentials, not Foundation: the full module links ICU into every talint run
// (twice the start-up time and 7 MB of memory) for nothing the JSON coding needs.

/// A JSON value, decoded and encoded with Foundation's JSON coding: the protocol layer reads
/// requests as values and builds replies from them, so no LSP package is needed.
public enum JSON: Sendable, Equatable, Codable {
  case null
  case bool(Bool)
  case int(Int)
  case double(Double)
  case string(String)
  case array([JSON])
  case object([String: JSON])

  public init(from decoder: Decoder) throws {
    let container = try decoder.singleValueContainer()
    if container.decodeNil() {
      self = .null
    } else if let value = try? container.decode(Bool.self) {
      self = .bool(value)
    } else if let value = try? container.decode(Int.self) {
      self = .int(value)
    } else if let value = try? container.decode(Double.self) {
      self = .double(value)
    } else if let value = try? container.decode(String.self) {
      self = .string(value)
    } else if let value = try? container.decode([JSON].self) {
      self = .array(value)
    } else {
      self = .object(try container.decode([String: JSON].self))
    }
  }

  public func encode(to encoder: Encoder) throws {
    var container = encoder.singleValueContainer()
    switch self {
    case .null: try container.encodeNil()
    case .bool(let value): try container.encode(value)
    case .int(let value): try container.encode(value)
    case .double(let value): try container.encode(value)
    case .string(let value): try container.encode(value)
    case .array(let value): try container.encode(value)
    case .object(let value): try container.encode(value)
    }
  }

  public subscript(key: String) -> JSON? {
    if case .object(let object) = self { return object[key] }
    return nil
  }

  public var string: String? {
    if case .string(let value) = self { return value }
    return nil
  }

  /// The range of the protocol's `integer`, which line, character and version numbers fall in.
  public static let integers = Int(Int32.min)...Int(Int32.max)

  /// A whole number, clamped to `integers`: every number a client sends is read through this,
  /// so arithmetic on one (`line + 1`, `version + 1`) cannot overflow, however large it was.
  public var int: Int? {
    switch self {
    case .int(let value): min(max(value, Self.integers.lowerBound), Self.integers.upperBound)
    case .double(let value) where value.rounded() == value:
      Int(min(max(value, Double(Self.integers.lowerBound)), Double(Self.integers.upperBound)))
    default: nil
    }
  }

  public var array: [JSON]? {
    if case .array(let value) = self { return value }
    return nil
  }

  static func parse(_ bytes: [UInt8]) -> JSON? {
    try? JSONDecoder().decode(JSON.self, from: Data(bytes))
  }

  func encoded() -> [UInt8] {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return Array((try? encoder.encode(self)) ?? Data("null".utf8))
  }
}

extension JSON: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral,
  ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral
{
  public init(stringLiteral value: String) { self = .string(value) }
  public init(integerLiteral value: Int) { self = .int(value) }
  public init(booleanLiteral value: Bool) { self = .bool(value) }
  public init(arrayLiteral elements: JSON...) { self = .array(elements) }
  public init(dictionaryLiteral elements: (String, JSON)...) { self = .object(Dictionary(elements, uniquingKeysWith: { $1 })) }
  public init(nilLiteral: ()) { self = .null }
}
