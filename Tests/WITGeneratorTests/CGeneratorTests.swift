import Testing
import WIT
@testable import WITGenerator
import WITTestSupport

/// The C back end: the canonical ABI's layout and flattening, and wit-bindgen's naming
/// rules (its golden headers are in `GoldenFixtureTests`).
@Suite struct CGeneratorTests {
    @Test func outputIsDeterministic() throws {
        let resolve = try TestSupport.load(at: TestSupport.packageRoot.appendingPathComponent("Tests/Fixtures/all-types")).get().resolve
        let generator = CGenerator(resolve: resolve, options: .init(sourceDescription: "x"))
        let world = try #require(resolve.packages.last?.worlds["app"])
        #expect(generator.generate(world: world) == generator.generate(world: world))
    }

    static let socketAddresses = """
        package test:abi@1.0.0;
        interface network {
            type ipv4-address = tuple<u8, u8, u8, u8>;
            type ipv6-address = tuple<u16, u16, u16, u16, u16, u16, u16, u16>;
            record ipv4-socket-address { port: u16, address: ipv4-address }
            record ipv6-socket-address { port: u16, flow-info: u32, address: ipv6-address, scope-id: u32 }
            variant ip-socket-address { ipv4(ipv4-socket-address), ipv6(ipv6-socket-address) }
            record datetime { seconds: u64, nanoseconds: u32 }
            variant mixed { a(f32), b(u64), c(f64), d(s8) }
            flags nine { a, b, c, d, e, f, g, h, i }
            enum three { x, y, z }
        }
        world w { import network; }
        """

    @Test func layoutAndFlatteningFollowTheCanonicalABI() throws {
        let output = try TestSupport.load(Self.socketAddresses).get()
        let abi = CanonicalABI(resolve: output.resolve)
        let network = try #require(output.resolve.packages.last?.interfaces["network"])
        func type(_ name: String) throws -> TypeReference { .id(try #require(output.resolve[network].types[name])) }
        // ip-socket-address: 1 + max(ipv4 5, ipv6 11) flat slots, all i32 (what wasm-tools expects of start-bind).
        #expect(abi.flat(try type("ip-socket-address")) == Array(repeating: .i32, count: 12))
        #expect(abi.size(try type("ip-socket-address")) == 32)
        #expect(abi.alignment(try type("ip-socket-address")) == 4)
        #expect(abi.size(try type("datetime")) == 16)
        #expect(abi.alignment(try type("datetime")) == 8)
        #expect(abi.offsets([.primitive(.u64), .primitive(.u32)]) == [0, 8])
        // Joined payloads: f32 ∪ u64 ∪ f64 ∪ s8 is one i64 slot.
        #expect(abi.flat(try type("mixed")) == [.i32, .i64])
        #expect(abi.size(try type("mixed")) == 16)
        #expect(abi.layout(try #require(output.resolve[network].types["nine"])).size == 2)
        #expect(abi.flat(.primitive(.string)) == [.i32, .i32])
        #expect(CoreType.join(.i32, .f32) == .i32)
        #expect(CoreType.join(.f32, .f64) == .i64)
    }

    @Test func namesFollowWitBindgen() throws {
        let output = try TestSupport.load(Self.socketAddresses).get()
        let world = try #require(output.resolve.packages.last?.worlds["w"])
        let header = CGenerator(resolve: output.resolve, options: .init(sourceDescription: "test.wit"))
            .generate(world: world).contents
        #expect(header.contains("typedef struct test_abi_network_ip_socket_address_t {"))
        #expect(header.contains("#define TEST_ABI_NETWORK_IP_SOCKET_ADDRESS_IPV6 1"))
        #expect(header.contains("#define TEST_ABI_NETWORK_NINE_I (1 << 8)"))
        #expect(header.contains("typedef uint16_t test_abi_network_nine_t;"))
        #expect(header.contains("typedef uint8_t test_abi_network_three_t;"))
        #expect(CNaming.functionSuffix("[method]tcp-socket.start-bind") == "method_tcp_socket_start_bind")
        #expect(CNaming.functionSuffix("[constructor]counter") == "constructor_counter")
        #expect(CNaming.functionSuffix("[static]tcp-socket.connect") == "static_tcp_socket_connect")
        #expect(CNaming.identifier("err") == "err_")
        #expect(CNaming.identifier("default") == "default_")
        #expect(CNaming.identifier("local-address") == "local_address")
    }

    @Test func renamesAndWorldNameReplacePrefixes() throws {
        let output = try TestSupport.load(Self.socketAddresses).get()
        let world = try #require(output.resolve.packages.last?.worlds["w"])
        let header = CGenerator(resolve: output.resolve, options: .init(
            sourceDescription: "test.wit", renames: ["test:abi/network@1.0.0": "net"], worldName: "guest"))
            .generate(world: world)
        #expect(header.path == "guest.h")
        #expect(header.contents.contains("} net_ip_socket_address_t;"))
        #expect(header.contents.contains("#ifndef __BINDINGS_GUEST_H"))
        #expect(!header.contents.contains("test_abi_network_"))
    }

    @Test func versionsAppearOnlyWhenTwoVersionsOfAPackageAreLoaded() throws {
        let output = try TestSupport.load("""
            package test:multi;
            package test:dep@1.0.0 { interface i { f: func(); } }
            package test:dep@2.0.0 { interface i { g: func(); } }
            package test:solo@1.0.0 { interface j { h: func(); } }
            """).get()
        let prefixes = CNaming.defaultPrefixes(in: output.resolve)
        #expect(prefixes.contains("test_dep_1_0_0_i"))
        #expect(prefixes.contains("test_dep_2_0_0_i"))
        #expect(prefixes.contains("test_solo_j"))
    }

    @Test func worldsAreFoundByQualifiedOrPlainName() throws {
        let output = try TestSupport.load(Self.socketAddresses).get()
        let resolve = output.resolve
        #expect(resolve.world(named: "w", mainPackage: output.mainPackage) != nil)
        #expect(resolve.world(named: "test:abi/w@1.0.0", mainPackage: output.mainPackage) != nil)
        #expect(resolve.world(named: "test:abi/w", mainPackage: output.mainPackage) != nil)
        #expect(resolve.world(named: "test:abi/w@2.0.0", mainPackage: output.mainPackage) == nil)
        #expect(resolve.world(named: "nope", mainPackage: output.mainPackage) == nil)
    }

    @Test func exportsGetEntryPointsAndPostReturn() throws {
        let output = try TestSupport.load("""
            package test:exp;
            interface api {
                resource thing { constructor(); name: func() -> string; }
                greet: func(who: string) -> string;
            }
            world w { export api; export run: func() -> u32; }
            """).get()
        let world = try #require(output.resolve.packages.last?.worlds["w"])
        let text = CGenerator(resolve: output.resolve, options: .init(sourceDescription: "t")).generate(world: world).contents
        #expect(text.contains("extern void exports_test_exp_api_greet(w_string_t *who, w_string_t *ret);"))
        #expect(text.contains("__attribute__((__export_name__(\"test:exp/api#greet\")))"))
        #expect(text.contains("__attribute__((__weak__, __export_name__(\"cabi_post_test:exp/api#greet\")))"))
        #expect(text.contains("__attribute__((__export_name__(\"run\")))"))
        #expect(text.contains("typedef exports_test_exp_api_thing_t *exports_test_exp_api_borrow_thing_t;"))
        #expect(text.contains("[resource-new]thing"))
        #expect(text.contains("__export_name__(\"test:exp/api#[dtor]thing\")"))
    }

    @Test func worldTypesUsedByImportsAndExportsGetOneFreeHelper() throws {
        // With an exported interface, the world's own types are named again for the world's
        // exports (under the same names): each `_free` helper must still be defined once.
        let output = try TestSupport.load("""
            package test:dup;
            interface t { record big { s: string } }
            interface api { ping: func(); }
            world w {
                use t.{big};
                record rec { name: string }
                import f: func(r: rec) -> big;
                export api;
                export g: func(r: rec) -> big;
            }
            """).get()
        let world = try #require(output.resolve.packages.last?.worlds["w"])
        let text = CGenerator(resolve: output.resolve, options: .init(sourceDescription: "t")).generate(world: world).contents
        #expect(text.components(separatedBy: "void w_rec_free(w_rec_t *ptr) {").count == 2)
        #expect(text.components(separatedBy: "void w_big_free(w_big_t *ptr) {").count == 2)
        #expect(text.contains("cabi_post_g"))
    }

    @Test func exportsOfAnImportedInterfaceFreeTheirResultsAfterReturn() throws {
        // `tuple<s64, string>` is named first for the import; the export of the same interface
        // names it again and its post-return function must free the string.
        let output = try TestSupport.load("""
            package test:free;
            interface e { h: func() -> tuple<s64, string>; }
            world w { import e; export e; }
            """).get()
        let world = try #require(output.resolve.packages.last?.worlds["w"])
        let text = CGenerator(resolve: output.resolve, options: .init(sourceDescription: "t")).generate(world: world).contents
        #expect(text.contains("""
            __attribute__((__weak__, __export_name__("cabi_post_test:free/e#h")))
            void __wasm_export_exports_test_free_e_h_post_return(int32_t arg0) {
              w_tuple2_s64_string_free((w_tuple2_s64_string_t *) (uintptr_t) arg0);
            }
            """))
        #expect(text.components(separatedBy: "void w_tuple2_s64_string_free(w_tuple2_s64_string_t *ptr) {").count == 2)
    }

    @Test func aPackageWithoutWorldsGetsOneHeaderImportingEveryInterface() throws {
        let output = try TestSupport.load("""
            package test:only;
            interface a { record r { x: u32 } f: func() -> r; }
            interface b { use a.{r}; g: func(v: r) -> string; }
            """).get()
        let header = CGenerator.interfacesHeader(of: output.mainPackage, in: output.resolve,
                                                 options: .init(sourceDescription: "t"))
        #expect(header.path == "test_only.h")
        #expect(header.contents.contains("extern void test_only_a_f(test_only_a_r_t *ret);"))
        #expect(header.contents.contains("typedef test_only_a_r_t test_only_b_r_t;"))
        #expect(header.contents.contains("extern void test_only_b_g(test_only_b_r_t *v, test_only_string_t *ret);"))
    }
}
