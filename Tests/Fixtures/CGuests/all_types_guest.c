// ABI check of the C header of Tests/Fixtures/all-types, world `app`: calls every imported
// function (records, variants, tuples, results, options, resources with constructors, methods
// and static functions, strings, world-level functions, async functions called synchronously)
// and implements the exported `run`, so that `wasm-tools component new` checks the core
// signature of each import and of the export.
#define APP_IMPLEMENTATION
#include "app.h"

typedef fixture_all_types_things_failure_t failure_t;

static uint64_t use_things(void) {
    uint64_t sum = 0;
    fixture_all_types_things_own_counter_t counter = fixture_all_types_things_constructor_counter(1);
    fixture_all_types_things_borrow_counter_t borrowed = fixture_all_types_things_borrow_counter(counter);
    fixture_all_types_things_method_counter_increment(borrowed);
    sum += fixture_all_types_things_method_counter_get(borrowed);
    fixture_all_types_things_method_counter_absorb(borrowed, fixture_all_types_things_make(2));
    sum += fixture_all_types_things_method_counter_same_as(borrowed, borrowed);
    sum += fixture_all_types_things_method_counter_wait(borrowed);   // async, called synchronously
    if (sum == 12345) sum += fixture_all_types_things_later(0, 0, 0);  // async; futures and streams as handles

    app_string_t text;
    app_string_set(&text, "3");
    fixture_all_types_things_own_counter_t parsed;
    failure_t failure;
    if (fixture_all_types_things_static_counter_parse(&text, &parsed, &failure)) {
        fixture_all_types_things_counter_drop_own(parsed);
    } else {
        fixture_all_types_things_failure_free(&failure);
    }
    fixture_all_types_things_own_handle_t handle;
    if (fixture_all_types_things_constructor_handle(&text, &handle, &failure)) {
        fixture_all_types_things_handle_drop_own(handle);
    } else {
        fixture_all_types_things_failure_free(&failure);
    }

    fixture_all_types_things_tuple2_u64_color_t inspected;
    fixture_all_types_things_inspect(borrowed, &inspected);
    sum += inspected.f0 + inspected.f1;

    fixture_all_types_things_point_t a = {0}, b = {0}, picked;
    if (fixture_all_types_things_pick(&a, &b, &picked, &failure)) sum += (uint64_t) picked.x;
    else fixture_all_types_things_failure_free(&failure);

    uint32_t plain;
    app_string_t message;
    if (fixture_all_types_things_fail_plain(&plain, &message)) sum += plain;
    else app_string_free(&message);
    uint8_t code;
    if (!fixture_all_types_things_fail_unit(&code)) sum += code;
    fixture_all_types_things_nothing();

    fixture_all_types_things_owned_counter_t owned;
    fixture_all_types_things_tuple2_own_counter_failure_t refused;
    if (fixture_all_types_things_give_back(counter, &owned, &refused)) {
        fixture_all_types_things_counter_drop_own(owned.counter);
        fixture_all_types_things_owned_counter_free(&owned);
    } else {
        fixture_all_types_things_counter_drop_own(refused.f0);
        fixture_all_types_things_tuple2_own_counter_failure_free(&refused);
    }
    app_string_t word;
    fixture_all_types_things_keyword_names(1, &text, true, &word);
    sum += word.len;
    app_string_free(&word);
    return sum;
}

bool app_run(app_level_t level, app_string_t *err) {
    app_string_t line;
    app_string_set(&line, "running");
    app_log(&line);
    if (use_things() + level == 0) {
        app_string_dup(err, "nothing happened");
        return false;
    }
    return true;
}
