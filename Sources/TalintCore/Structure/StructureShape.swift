/// What YAML a Talos field takes, as its Go type decodes it. A struct over the table's shape
/// code (`LS12`: a list of type 12's mappings) rather than an indirect enum: the model is a
/// static table, and LeakSanitizer cannot follow the tagged pointers of indirect enums.
public struct StructureShape: Sendable, Equatable {
  public enum Kind: Sendable, Equatable {
    /// A Go struct: a mapping of known keys.
    case mapping
    /// A Go map: a mapping of any keys, each value of `element`'s shape.
    case map
    /// A Go slice: a list of `element`s.
    case list
    case string, bool, integer, unsigned, float, duration
    /// Anything: `map[string]any`, an `Unstructured`, a type with its own unmarshaler.
    case free
  }

  /// `S<type>`, `M<value>`, `L<element>`, or one of `s b i u f d *`: a few bytes, stored
  /// inline in the String.
  let code: String

  public var kind: Kind {
    // The first byte, not the first Character: every key of every walk asks.
    switch code.utf8.first {
    case UInt8(ascii: "S"): .mapping
    case UInt8(ascii: "M"): .map
    case UInt8(ascii: "L"): .list
    case UInt8(ascii: "s"): .string
    case UInt8(ascii: "b"): .bool
    case UInt8(ascii: "i"): .integer
    case UInt8(ascii: "u"): .unsigned
    case UInt8(ascii: "f"): .float
    case UInt8(ascii: "d"): .duration
    default: .free
    }
  }

  /// The shape of a list's elements or a map's values.
  public var element: StructureShape? {
    kind == .list || kind == .map ? StructureShape(code: String(code.dropFirst())) : nil
  }

  /// The struct type a mapping shape reads (an index in the table).
  var typeIndex: Int? { kind == .mapping ? Int(code.dropFirst()) : nil }

  /// How a message names it: "a mapping", "a list", "a boolean".
  public var spoken: String {
    switch kind {
    case .mapping, .map: "a mapping"
    case .list: "a list"
    case .string: "a string"
    case .bool: "a boolean"
    case .integer: "an integer"
    case .unsigned: "a non-negative integer"
    case .float: "a number"
    case .duration: "a duration"
    case .free: "any value"
    }
  }
}
