Console.WriteLine("{\"scenario\":\"smoke\"}");
