package main

func runInspect(e *env, args []string) int { return 2 }
func runVerify(e *env, args []string) int  { return 2 }
func runUpgrade(e *env, args []string) int { return 2 }
func runRepair(e *env, args []string) int  { return 2 }
func runGen(e *env, args []string) int     { return 2 }
