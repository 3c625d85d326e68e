/// The version written into `manifest.json` ("generator": "perfsociale <version>").
public enum PerfSocialeVersion {
    public static let current = "0.1.0"
}
