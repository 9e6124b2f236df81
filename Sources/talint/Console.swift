#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Writes straight to the file descriptors: no shared `FILE*` state, and a reader that went
/// away (`talint … | head -1`) ends the writes quietly instead of crashing the run.
func writeOut(_ text: String) { write(text, to: 1) }

func writeErr(_ text: String) { write(text, to: 2) }

func write(_ text: String, to descriptor: Int32) {
  var text = text
  text.withUTF8 { buffer in
    var offset = 0
    while offset < buffer.count {
      let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
      if written < 0 {
        if errno == EINTR { continue }
        return
      }
      offset += written
    }
  }
}
