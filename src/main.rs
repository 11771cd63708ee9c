fn main() -> std::process::ExitCode {
    pacte::main()
}
