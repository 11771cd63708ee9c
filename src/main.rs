// Parsing, checking and indexing sheets make many small allocations on
// every core; mimalloc serves them at a fraction of the system allocator's
// cost (measured on the cold import in `bench/RESULTS.md`).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    pacte::main()
}
