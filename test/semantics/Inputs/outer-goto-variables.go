package main

import "fmt"

func show_int(tag string, p *int)     { fmt.Printf("%s %d\n", tag, *p) }
func show_pair(tag string, p *[2]int) { fmt.Printf("%s %d %d\n", tag, p[0], p[1]) }

func block_form() {
	n := 0
again:
	v := n * 3
	defer func() { fmt.Printf("block_form v %d\n", v) }()
	if n++; n < 3 {
		goto again
	}
}

func shared_in_pass() {
	n := 0
again:
	v := n
	defer func() { fmt.Printf("shared_in_pass first %d\n", v) }()
	v += 10
	defer func() { fmt.Printf("shared_in_pass second %d\n", v) }()
	v += 100
	if n++; n < 2 {
		goto again
	}
}

func call_form() {
	n := 0
again:
	v := n * 10
	buf := [2]int{n, -n}
	defer show_int("call_form", &v)
	defer show_pair("call_form buf", &buf)
	v++
	buf[1]--
	if n++; n < 3 {
		goto again
	}
}

func declared_before_label() {
	total := 0
	n := 0
again:
	total += n
	defer func() { fmt.Printf("declared_before_label %d\n", total) }()
	if n++; n < 3 {
		goto again
	}
}

func forward_only(skip bool) {
	v := 1
	if skip {
		goto done
	}
	v = 2
done:
	w := v * 5
	defer func() { fmt.Printf("forward_only v %d w %d\n", v, w) }()
	w++
}

func main() {
	block_form()
	shared_in_pass()
	call_form()
	declared_before_label()
	forward_only(true)
	forward_only(false)
}
