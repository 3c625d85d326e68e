import Foundation
import PackagePlugin

/// Embeds the package's `Templates/` folder (shipped templates, schema, examples) into the target that applies it, as
/// generated Swift source: the binary then runs from any folder without the checkout. `Templates/` stays the editable
/// source; any change there rebuilds the embedded copy.
@main
struct EmbedTemplates: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let templates = context.package.directoryURL.appending(path: "Templates")
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedTemplates.swift")
        var inputs: [URL] = []
        let fm = FileManager.default
        if let walker = fm.enumerator(at: templates, includingPropertiesForKeys: [.isRegularFileKey]) {
            for case let url as URL in walker {
                if (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true { inputs.append(url) }
            }
        }
        inputs.sort { $0.path < $1.path }
        return [.buildCommand(
            displayName: "Embedding Templates/ (\(inputs.count) files)",
            executable: try context.tool(named: "EmbedTemplatesTool").url,
            arguments: [templates.path, output.path],
            inputFiles: inputs,
            outputFiles: [output]
        )]
    }
}
