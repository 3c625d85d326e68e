// libFuzzer target: the JSON reader, the decoder and the validator, on any bytes (built by Fuzz/build.sh).
import TrainingWorkbook

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzWorkbook(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let report = WorkbookLoader.decode(bytes: bytes, baseDirectory: nil)
    // The messages are part of the output: build them too.
    for d in report.diagnostics { _ = d.description }
    return 0
}
