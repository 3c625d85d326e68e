// libFuzzer target: the zip reader with a template's limits, then a template package read as a user's .odt.
import OfficePackaging
@testable import ODFTemplates

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzZip(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    if let reader = try? ZipReader(bytes: bytes, limits: .template) {
        for e in reader.entries {
            if ZipReader.unsafeNameProblem(e.name) != nil { fatalError("unsafe entry name accepted: \(e.name)") }
            _ = try? reader.read(e)
        }
    }
    if let parts = try? TemplatePackage.parts(odt: bytes, name: "fuzz.odt") {
        if let t = try? DocumentTemplate(name: "fuzz.odt", parts: parts) { _ = try? t.render(.object([:])) }
    }
    return 0
}
