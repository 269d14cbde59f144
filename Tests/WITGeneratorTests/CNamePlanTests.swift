import Testing
import WIT
import WITGenerator
import WITTestSupport

/// The C names, asked of the plan alone: nothing is printed.
@Suite struct CNamePlanTests {
    static let source = """
        package ex:pkg@1.2.0;

        interface api {
            resource conn { open: static func() -> conn; }
            record info { size: u32 }
            send: func(c: borrow<conn>, bytes: list<u8>);
        }
        interface only-exported { ping: func(); }
        interface unused { x: func(); }

        world client {
            import api;
            export only-exported;
            import log: func(message: string);
        }
        world other { import api; }
        """

    func plan(renames: [String: String] = [:], worldName: String? = nil, worlds: [String]) throws
        -> (CNamePlan, Resolve, FrontEnd.Output) {
        let output = try TestSupport.load(Self.source).get()
        let resolve = output.resolve
        let ids = try worlds.map { try #require(resolve.world(named: $0, mainPackage: output.mainPackage)) }
        let options = CGenerator.Options(sourceDescription: "", renames: renames, worldName: worldName)
        return (CNamePlan(resolve: resolve, options: options, worlds: ids), resolve, output)
    }

    func interface(_ name: String, _ resolve: Resolve, _ output: FrontEnd.Output) throws -> InterfaceID {
        try #require(resolve[output.mainPackage].interfaces[name])
    }

    @Test func defaultPrefixesAndNames() throws {
        let (plan, resolve, output) = try plan(worlds: ["client"])
        let api = try interface("api", resolve, output)
        #expect(plan.prefix(of: api, isExport: false) == "ex_pkg_api")
        #expect(plan.prefix(of: api, isExport: true) == "exports_ex_pkg_api")
        #expect(plan.typeName("info", prefix: "ex_pkg_api") == "ex_pkg_api_info_t")
        #expect(plan.handleTypeNames(resource: "conn", prefix: "ex_pkg_api") == ("ex_pkg_api_own_conn_t", "ex_pkg_api_borrow_conn_t"))
        let open = try #require(resolve[api].functions["[static]conn.open"])
        #expect(plan.functionName(open, prefix: "ex_pkg_api") == "ex_pkg_api_static_conn_open")
        #expect(plan.prefix(of: .name("log"), isExport: false) == "log")
    }

    @Test func renamesApplyToImportsAndExports() throws {
        let (plan, resolve, output) = try plan(renames: ["ex:pkg/api@1.2.0": "net", "ex:pkg/only-exported@1.2.0": "pong"],
                                               worlds: ["client"])
        #expect(plan.prefix(of: try interface("api", resolve, output), isExport: false) == "net")
        #expect(plan.prefix(of: try interface("only-exported", resolve, output), isExport: true) == "exports_pong")
        // A rename names the interface with its version, exactly: another spelling renames nothing.
        let (unversioned, resolve2, output2) = try self.plan(renames: ["ex:pkg/api": "net"], worlds: ["client"])
        #expect(unversioned.prefix(of: try interface("api", resolve2, output2), isExport: false) == "ex_pkg_api")
    }

    @Test func whatTheHeadersImportAndExport() throws {
        let (plan, resolve, output) = try plan(worlds: ["client"])
        let api = try interface("api", resolve, output)
        let exported = try interface("only-exported", resolve, output)
        let unused = try interface("unused", resolve, output)
        #expect(plan.isImported(api) && !plan.isExported(api))
        #expect(!plan.isImported(exported) && plan.isExported(exported))
        #expect(!plan.isImported(unused) && !plan.isExported(unused))
        // No worlds: the one header of a package without worlds imports every named interface.
        let (interfacesOnly, _, _) = try self.plan(worlds: [])
        #expect(interfacesOnly.isImported(unused))
    }

    @Test func theWorldNameRenamesOnlyTheWorldsThatGetAHeader() throws {
        let (plan, resolve, output) = try plan(worldName: "my-app", worlds: ["client"])
        let client = try #require(resolve.world(named: "client", mainPackage: output.mainPackage))
        let other = try #require(resolve.world(named: "ex:pkg/other@1.2.0", mainPackage: output.mainPackage))
        #expect(plan.worldPrefix(client) == "my_app")
        #expect(plan.worldPrefix(other) == "other")
    }
}
