// ABI check of witgen's C header for WASI 0.2 (world wasi:cli/imports@0.2.12, named wasip2):
// one call into each of the world's 27 interfaces, so that every interface's imports stay in
// the linked module and `wasm-tools component new` checks their core signatures.
#define WASIP2_IMPLEMENTATION
#include "wasip2.h"

__attribute__((__export_name__("run")))
uint64_t run(void) {
    uint64_t sum = 0;

    wasip2_list_string_t arguments;                     // wasi:cli/environment
    environment_get_arguments(&arguments);
    sum += arguments.len;
    wasip2_list_string_free(&arguments);

    streams_own_output_stream_t out = stdout_get_stdout();   // wasi:cli/stdout
    streams_own_output_stream_t err = stderr_get_stderr();   // wasi:cli/stderr
    streams_own_input_stream_t in = stdin_get_stdin();       // wasi:cli/stdin
    wasip2_list_u8_t bytes = {(uint8_t *) "hello\n", 6};
    streams_stream_error_t stream_error;                     // wasi:io/streams
    if (!streams_method_output_stream_blocking_write_and_flush(streams_borrow_output_stream(out), &bytes, &stream_error)
        && stream_error.tag == STREAMS_STREAM_ERROR_LAST_OPERATION_FAILED) {
        wasip2_string_t text;                                // wasi:io/error
        io_error_method_error_to_debug_string(io_error_borrow_error(stream_error.val.last_operation_failed), &text);
        sum += text.len;
        wasip2_string_free(&text);
        io_error_error_drop_own(stream_error.val.last_operation_failed);
    }
    streams_own_pollable_t ready = streams_method_output_stream_subscribe(streams_borrow_output_stream(out));
    sum += poll_method_pollable_ready(poll_borrow_pollable(ready));   // wasi:io/poll
    poll_pollable_drop_own(ready);
    streams_output_stream_drop_own(out);
    streams_output_stream_drop_own(err);
    streams_input_stream_drop_own(in);

    terminal_stdin_own_terminal_input_t terminal_in;         // wasi:cli/terminal-stdin, terminal-input
    if (terminal_stdin_get_terminal_stdin(&terminal_in)) terminal_input_terminal_input_drop_own(terminal_in);
    terminal_stdout_own_terminal_output_t terminal_out;      // wasi:cli/terminal-stdout, terminal-output
    if (terminal_stdout_get_terminal_stdout(&terminal_out)) terminal_output_terminal_output_drop_own(terminal_out);
    terminal_stderr_own_terminal_output_t terminal_err;      // wasi:cli/terminal-stderr
    if (terminal_stderr_get_terminal_stderr(&terminal_err)) terminal_output_terminal_output_drop_own(terminal_err);

    sum += monotonic_clock_now();                            // wasi:clocks/monotonic-clock
    wall_clock_datetime_t now;                               // wasi:clocks/wall-clock
    wall_clock_now(&now);
    sum += now.seconds + now.nanoseconds;

    filesystem_preopens_list_tuple2_own_descriptor_string_t preopens;   // wasi:filesystem/preopens
    filesystem_preopens_get_directories(&preopens);
    for (size_t i = 0; i < preopens.len; i++) {
        filesystem_descriptor_type_t type;                   // wasi:filesystem/types
        filesystem_error_code_t error;
        if (filesystem_method_descriptor_get_type(filesystem_borrow_descriptor(preopens.ptr[i].f0), &type, &error)) sum += type;
        filesystem_descriptor_drop_own(preopens.ptr[i].f0);
    }
    filesystem_preopens_list_tuple2_own_descriptor_string_free(&preopens);

    sum += random_get_random_u64();                          // wasi:random/random
    sum += random_insecure_get_insecure_random_u64();        // wasi:random/insecure
    wasip2_tuple2_u64_u64_t seed;                            // wasi:random/insecure-seed
    random_insecure_seed_insecure_seed(&seed);
    sum += seed.f0 ^ seed.f1;

    network_own_network_t network = instance_network_instance_network();   // wasi:sockets/instance-network
    tcp_create_socket_own_tcp_socket_t tcp;                  // wasi:sockets/tcp-create-socket
    tcp_create_socket_error_code_t error;
    if (tcp_create_socket_create_tcp_socket(NETWORK_IP_ADDRESS_FAMILY_IPV4, &tcp, &error)) {
        tcp_ip_socket_address_t address;                     // wasi:sockets/tcp
        address.tag = NETWORK_IP_SOCKET_ADDRESS_IPV4;
        address.val.ipv4.port = 0;
        address.val.ipv4.address.f0 = 127;
        address.val.ipv4.address.f1 = 0;
        address.val.ipv4.address.f2 = 0;
        address.val.ipv4.address.f3 = 1;
        if (!tcp_method_tcp_socket_start_bind(tcp_borrow_tcp_socket(tcp), network_borrow_network(network), &address, &error))
            sum += error;
        tcp_tcp_socket_drop_own(tcp);
    }
    udp_create_socket_own_udp_socket_t udp;                  // wasi:sockets/udp-create-socket
    if (udp_create_socket_create_udp_socket(NETWORK_IP_ADDRESS_FAMILY_IPV6, &udp, &error)) {
        udp_error_code_t udp_error;                          // wasi:sockets/udp
        if (!udp_method_udp_socket_finish_bind(udp_borrow_udp_socket(udp), &udp_error)) sum += udp_error;
        udp_udp_socket_drop_own(udp);
    }
    wasip2_string_t name;                                    // wasi:sockets/ip-name-lookup
    wasip2_string_set(&name, "localhost");
    ip_name_lookup_own_resolve_address_stream_t lookup;
    if (ip_name_lookup_resolve_addresses(network_borrow_network(network), &name, &lookup, &error))
        ip_name_lookup_resolve_address_stream_drop_own(lookup);
    network_network_drop_own(network);                       // wasi:sockets/network

    if (sum == 42) exit_exit_with_code(42);                  // wasi:cli/exit
    return sum;
}
