package main

import "fmt"

func caseBlock(k int) {
	switch k {
	case 1:
		var p *string
		defer func() {
			if p == nil {
				fmt.Printf("case_block: frees \"(null)\"\n")
			} else {
				fmt.Printf("case_block: frees \"%s\"\n", *p)
			}
		}()
		s := "hello"
		p = &s
	}
	fmt.Printf("case_block: body done\n")
}

func loopBody() {
	for i := 0; i < 3; i += 1 {
		i := i
		v := -1
		defer fmt.Printf("loop_body: argument at the defer %d\n", v)
		defer func(v *int) { fmt.Printf("loop_body: iteration %d ended with %d\n", i, *v) }(&v)
		v = i * 10
		v++
	}
}

func nested() {
	{
		count := 1
		defer func() { fmt.Printf("nested: first sees %d\n", count) }()
		{
			p := &count
			*p += 10
		}
		defer func() {
			count *= 2
			fmt.Printf("nested: second doubles to %d\n", count)
		}()
		count += 100
		defer fmt.Printf("nested: argument %d\n", count)
	}
}

func blockLiteral() {
	{
		n := 1
		defer func() {
			show := func() { fmt.Printf("block_literal: %d\n", n) }
			show()
		}()
		n = 2
		seen := n
		peek := func() int { return seen }
		n = 3
		fmt.Printf("block_literal: a literal made in the body saw %d\n", peek())
	}
}

type node struct {
	self  *node
	value int
}

func selfReference() {
	{
		n := node{nil, 1}
		n.self = &n
		n.self.value = 2
		defer func() { fmt.Printf("self_reference: %d\n", n.value) }()
		n.value++
	}
}

func main() {
	caseBlock(1)
	loopBody()
	nested()
	blockLiteral()
	selfReference()
}
