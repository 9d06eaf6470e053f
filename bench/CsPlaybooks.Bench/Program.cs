Console.WriteLine("benchmark driver: see bench/README.md");
