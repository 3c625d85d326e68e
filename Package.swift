// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "perfsociale",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "perfsociale", targets: ["perfsociale"]),
        .library(name: "PerfSociale", targets: ["PerfSociale"]),
    ],
    targets: [
        // System libraries: Debian libxml2-dev and libzip-dev.
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(name: "CLibZip", pkgConfig: "libzip", providers: [.apt(["libzip-dev"])]),
        // zlib comes with libzip-dev: we deflate parts ourselves with reused streams and hand libzip the result.
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // SHA-256 of every output file (manifest.json) with the CPU's SHA instructions: Debian libssl-dev.
        .systemLibrary(name: "CCrypto", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),
        .target(
            name: "PerfSociale",
            dependencies: ["CLibXML2", "CLibZip", "CZlib", "CCrypto"],
            swiftSettings: [.unsafeFlags(["-Ounchecked"], .when(configuration: .release))]
        ),
        .executableTarget(
            name: "perfsociale",
            dependencies: ["PerfSociale"]
        ),
        // The tests run the real CLI end to end, so they depend on the executable to have it built.
        .testTarget(name: "PerfSocialeTests", dependencies: ["PerfSociale", "perfsociale"]),
    ],
    swiftLanguageModes: [.v6]
)
