(module
  (type $t0 (func))
  (type $t1 (func (param i32)))
  (type $t2 (func (param i32 i32) (result i32)))
  (func $evaluate (export "evaluate") (type $t0)
    (local $theta0 v128) (local $theta1 v128) (local $t0 v128) (local $prefix2_0 v128) (local $t1 v128) (local $q_0 v128) (local $t2 v128) (local $pq v128) (local $t3 v128) (local $pc v128) (local $back2_0 v128) (local $t4 v128) (local $grad_1 v128) (local $t5 v128) (local $grad_0 v128) (local $t6 v128) (local $t7 v128) (local $loss v128)
    (local.set $theta0
      (v128.load align=8
        (i32.const 0)))
    (local.set $theta1
      (v128.load offset=16 align=8
        (i32.const 0)))
    (local.set $t0
      (f64x2.mul
        (local.get $theta1)
        (local.get $theta0)))
    (local.set $prefix2_0
      (f64x2.add
        (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
        (local.get $t0)))
    (local.set $t1
      (f64x2.mul
        (local.get $prefix2_0)
        (v128.const i32x4 0x00000000 0x3ff00000 0x00000000 0x3ff00000)))
    (local.set $q_0
      (f64x2.add
        (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
        (local.get $t1)))
    (local.set $t2
      (f64x2.mul
        (local.get $prefix2_0)
        (local.get $q_0)))
    (local.set $pq
      (f64x2.add
        (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
        (local.get $t2)))
    (local.set $t3
      (f64x2.mul
        (local.get $prefix2_0)
        (v128.const i32x4 0x00000000 0x3ff00000 0x00000000 0x3ff00000)))
    (local.set $pc
      (f64x2.add
        (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
        (local.get $t3)))
    (local.set $back2_0
      (f64x2.sub
        (local.get $q_0)
        (v128.const i32x4 0x00000000 0x3ff00000 0x00000000 0x3ff00000)))
    (local.set $t4
      (f64x2.mul
        (local.get $back2_0)
        (local.get $theta0)))
    (local.set $grad_1
      (f64x2.add
        (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
        (local.get $t4)))
    (local.set $t5
      (f64x2.mul
        (local.get $theta1)
        (local.get $back2_0)))
    (local.set $grad_0
      (f64x2.add
        (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
        (local.get $t5)))
    (local.set $t6
      (f64x2.mul
        (v128.const i32x4 0x00000000 0x3fe00000 0x00000000 0x3fe00000)
        (local.get $pq)))
    (local.set $t7
      (f64x2.sub
        (local.get $t6)
        (local.get $pc)))
    (local.set $loss
      (f64x2.add
        (local.get $t7)
        (v128.const i32x4 0x00000000 0x3fe00000 0x00000000 0x3fe00000)))
    (v128.store offset=32 align=8
      (i32.const 0)
      (local.get $grad_0))
    (v128.store offset=48 align=8
      (i32.const 0)
      (local.get $grad_1))
    (v128.store offset=64 align=8
      (i32.const 0)
      (local.get $loss)))
  (func $prepare (export "prepare") (type $t1) (param $slot i32)
    (local $row i32) (local $norm i32) (local $theta0 v128) (local $theta1 v128) (local $grad0 v128) (local $grad1 v128) (local $t0 v128) (local $t1 v128) (local $t2 v128) (local $t3 v128) (local $t4 v128) (local $t5 v128) (local $norm_1 v128) (local $t6 v128) (local $t7 v128) (local $t8 v128) (local $t9 v128) (local $t10 v128) (local $t11 v128) (local $t12 v128) (local $t13 v128) (local $t14 v128) (local $t15 v128) (local $eta v128) (local $t16 v128) (local $t17 v128) (local $t18 v128) (local $t19 v128)
    (local.set $row
      (i32.mul
        (local.get $slot)
        (i32.const 32)))
    (local.set $norm
      (i32.mul
        (local.get $slot)
        (i32.const 16)))
    (local.set $theta0
      (v128.load align=8
        (i32.const 0)))
    (local.set $theta1
      (v128.load offset=16 align=8
        (i32.const 0)))
    (local.set $grad0
      (v128.load offset=32 align=8
        (i32.const 0)))
    (local.set $grad1
      (v128.load offset=48 align=8
        (i32.const 0)))
    (local.set $t0
      (f64x2.mul
        (local.get $grad0)
        (local.get $grad0)))
    (local.set $t1
      (f64x2.mul
        (local.get $grad1)
        (local.get $grad1)))
    (local.set $t2
      (f64x2.add
        (local.get $t0)
        (local.get $t1)))
    (local.set $t3
      (f64x2.mul
        (local.get $theta0)
        (local.get $theta0)))
    (local.set $t4
      (f64x2.mul
        (local.get $theta1)
        (local.get $theta1)))
    (local.set $t5
      (f64x2.add
        (local.get $t3)
        (local.get $t4)))
    (local.set $norm_1
      (f64x2.sqrt
        (local.get $t5)))
    (local.set $t6
      (f64x2.add
        (v128.const i32x4 0x00000000 0x3ff00000 0x00000000 0x3ff00000)
        (local.get $norm_1)))
    (local.set $t7
      (f64x2.mul
        (v128.const i32x4 0xe2308c3a 0x3e45798e 0xe2308c3a 0x3e45798e)
        (local.get $t6)))
    (local.set $t8
      (f64x2.mul
        (local.get $t7)
        (local.get $t7)))
    (local.set $t9
      (f64x2.mul
        (local.get $t8)
        (v128.const i32x4 0x00400000 0x3ff00000 0x00400000 0x3ff00000)))
    (v128.store offset=320 align=8
      (i32.const 0)
      (local.get $t2))
    (v128.store offset=336 align=8
      (i32.const 0)
      (local.get $t5))
    (local.set $t10
      (f64x2.abs
        (local.get $theta0)))
    (local.set $t11
      (f64x2.le
        (local.get $t10)
        (v128.const i32x4 0x00000000 0x412e8480 0x00000000 0x412e8480)))
    (local.set $t12
      (f64x2.abs
        (local.get $theta1)))
    (local.set $t13
      (f64x2.le
        (local.get $t12)
        (v128.const i32x4 0x00000000 0x412e8480 0x00000000 0x412e8480)))
    (local.set $t14
      (v128.and
        (local.get $t11)
        (local.get $t13)))
    (local.set $t15
      (v128.and
        (local.get $t14)
        (v128.const i32x4 0x00000000 0x3ff00000 0x00000000 0x3ff00000)))
    (v128.store offset=352 align=8
      (i32.const 0)
      (local.get $t15))
    (local.set $eta
      (v128.load offset=96 align=8
        (i32.const 0)))
    (v128.store offset=368 align=8
      (local.get $row)
      (local.get $theta0))
    (local.set $t16
      (f64x2.mul
        (local.get $eta)
        (local.get $grad0)))
    (local.set $t17
      (f64x2.sub
        (local.get $theta0)
        (local.get $t16)))
    (v128.store align=8
      (i32.const 0)
      (local.get $t17))
    (v128.store offset=384 align=8
      (local.get $row)
      (local.get $theta1))
    (local.set $t18
      (f64x2.mul
        (local.get $eta)
        (local.get $grad1)))
    (local.set $t19
      (f64x2.sub
        (local.get $theta1)
        (local.get $t18)))
    (v128.store offset=16 align=8
      (i32.const 0)
      (local.get $t19))
    (v128.store offset=912 align=8
      (local.get $norm)
      (local.get $norm_1))
    (v128.store offset=1184 align=8
      (local.get $norm)
      (local.get $t9)))
  (func $run (export "run") (type $t2) (param $slot i32) (param $maxIter i32) (result i32)
    (local $taken i32) (local $row i32) (local $norm i32) (local $back i32) (local $previousRow i32) (local $backRow2 i32) (local $backRow4 i32) (local $backRow8 i32) (local $backRow16 i32) (local $backNorm2 i32) (local $backNorm4 i32) (local $backNorm8 i32) (local $backNorm16 i32) (local $dirty i32) (local $theta0 v128) (local $t0 v128) (local $theta1 v128) (local $t1 v128) (local $grad0 v128) (local $t2 v128) (local $grad1 v128) (local $t3 v128) (local $loss v128) (local $t4 v128) (local $lossMin v128) (local $t5 v128) (local $step1 v128) (local $t6 v128) (local $t7 v128) (local $t8 v128) (local $t9 v128) (local $t10 v128) (local $t11 v128) (local $norm_1 v128) (local $t12 v128) (local $t13 v128) (local $t14 v128) (local $t15 v128) (local $t16 v128) (local $t17 v128) (local $t18 v128) (local $t19 v128) (local $t20 v128) (local $t21 v128) (local $t22 v128) (local $gradAbove v128) (local $t23 v128) (local $t24 v128) (local $distance v128) (local $outside v128) (local $t25 v128) (local $t26 v128) (local $t27 v128) (local $t28 v128) (local $t29 v128) (local $t30 v128) (local $t31 v128) (local $t32 v128) (local $t33 v128) (local $t34 v128) (local $distance_1 v128) (local $outside_1 v128) (local $t35 v128) (local $t36 v128) (local $t37 v128) (local $t38 v128) (local $t39 v128) (local $t40 v128) (local $t41 v128) (local $t42 v128) (local $t43 v128) (local $t44 v128) (local $distance_2 v128) (local $outside_2 v128) (local $t45 v128) (local $t46 v128) (local $t47 v128) (local $t48 v128) (local $t49 v128) (local $t50 v128) (local $t51 v128) (local $t52 v128) (local $t53 v128) (local $t54 v128) (local $distance_3 v128) (local $outside_3 v128) (local $t55 v128) (local $t56 v128) (local $t57 v128) (local $t58 v128) (local $t59 v128) (local $t60 v128) (local $t61 v128) (local $t62 v128) (local $t63 v128) (local $t64 v128) (local $idle v128) (local $plain v128) (local $t65 v128) (local $t66 v128) (local $t67 v128) (local $t68 v128) (local $t69 v128) (local $t70 v128) (local $t71 v128) (local $t72 v128) (local $t73 v128) (local $t74 v128) (local $t75 v128) (local $t76 v128) (local $t77 v128) (local $t78 v128) (local $t79 v128) (local $t80 v128) (local $t81 v128) (local $gradBelow v128) (local $t82 v128) (local $t83 v128) (local $t84 v128) (local $t85 v128) (local $t86 v128) (local $t87 v128) (local $t88 v128) (local $t89 v128) (local $t90 v128) (local $t91 v128) (local $t92 v128) (local $t93 v128) (local $t94 v128) (local $t95 v128) (local $t96 v128) (local $t97 v128) (local $within0 v128) (local $t98 v128) (local $t99 v128) (local $t100 v128) (local $t101 v128) (local $t102 v128) (local $t103 v128) (local $t104 v128) (local $t105 v128) (local $t106 v128) (local $t107 v128) (local $t108 v128) (local $t109 v128) (local $t110 v128) (local $t111 v128) (local $t112 v128) (local $t113 v128) (local $t114 v128) (local $within1 v128) (local $t115 v128) (local $t116 v128) (local $t117 v128) (local $t118 v128) (local $t119 v128) (local $t120 v128) (local $t121 v128) (local $t122 v128) (local $t123 v128) (local $t124 v128) (local $t125 v128) (local $t126 v128) (local $t127 v128) (local $t128 v128) (local $t129 v128) (local $t130 v128) (local $t131 v128) (local $t132 v128) (local $within2 v128) (local $t133 v128) (local $t134 v128) (local $t135 v128) (local $t136 v128) (local $t137 v128) (local $t138 v128) (local $t139 v128) (local $t140 v128) (local $t141 v128) (local $t142 v128) (local $t143 v128) (local $t144 v128) (local $t145 v128) (local $t146 v128) (local $t147 v128) (local $t148 v128) (local $t149 v128) (local $t150 v128) (local $within3 v128) (local $t151 v128) (local $t152 v128) (local $t153 v128) (local $t154 v128) (local $t155 v128) (local $t156 v128) (local $t157 v128) (local $t158 v128) (local $t159 v128) (local $t160 v128) (local $t161 v128) (local $t162 v128) (local $t163 v128) (local $t164 v128) (local $t165 v128) (local $t166 v128) (local $t167 v128) (local $t168 v128) (local $t169 v128) (local $t170 v128) (local $t171 v128) (local $t172 v128) (local $t173 v128) (local $t174 v128) (local $t175 v128) (local $t176 v128) (local $t177 v128) (local $t178 v128) (local $t179 v128) (local $t180 v128) (local $t181 v128) (local $t182 v128) (local $t183 v128) (local $t184 v128) (local $t185 v128) (local $t186 v128) (local $t187 v128) (local $t188 v128) (local $t189 v128) (local $t190 v128) (local $t191 v128) (local $t192 v128) (local $t193 v128) (local $t194 v128) (local $t195 v128) (local $t196 v128) (local $t197 v128) (local $t198 v128) (local $t199 v128) (local $t200 v128) (local $t201 v128) (local $t202 v128) (local $t203 v128) (local $t204 v128) (local $t205 v128) (local $t206 v128) (local $t207 v128) (local $t208 v128) (local $t209 v128) (local $t210 v128) (local $t211 v128) (local $t212 v128) (local $t213 v128) (local $eta v128) (local $t214 v128) (local $t215 v128) (local $t216 v128) (local $t217 v128) (local $t218 v128) (local $t219 v128) (local $prefix2_0 v128) (local $t220 v128) (local $q_0 v128) (local $t221 v128) (local $pq v128) (local $t222 v128) (local $pc v128) (local $back2_0 v128) (local $t223 v128) (local $grad_1 v128) (local $t224 v128) (local $grad_0 v128) (local $t225 v128) (local $t226 v128) (local $loss_1 v128)
    (local.set $t0
      (v128.load align=8
        (i32.const 0)))
    (local.set $theta0
      (local.get $t0))
    (local.set $t1
      (v128.load offset=16 align=8
        (i32.const 0)))
    (local.set $theta1
      (local.get $t1))
    (local.set $t2
      (v128.load offset=32 align=8
        (i32.const 0)))
    (local.set $grad0
      (local.get $t2))
    (local.set $t3
      (v128.load offset=48 align=8
        (i32.const 0)))
    (local.set $grad1
      (local.get $t3))
    (local.set $t4
      (v128.load offset=64 align=8
        (i32.const 0)))
    (local.set $loss
      (local.get $t4))
    (local.set $t5
      (v128.load offset=80 align=8
        (i32.const 0)))
    (local.set $lossMin
      (local.get $t5))
    (local.set $taken
      (i32.const 0))
    (local.set $dirty
      (i32.const 1))
    (block $B0
      (loop $L1
        (br_if $B0
          (i32.ge_u
            (local.get $taken)
            (local.get $maxIter)))
        (local.set $row
          (i32.mul
            (local.get $slot)
            (i32.const 32)))
        (local.set $norm
          (i32.mul
            (local.get $slot)
            (i32.const 16)))
        (local.set $back
          (i32.sub
            (local.get $slot)
            (i32.const 1)))
        (local.set $back
          (select
            (i32.add
              (local.get $back)
              (i32.const 17))
            (local.get $back)
            (i32.lt_s
              (local.get $back)
              (i32.const 0))))
        (local.set $previousRow
          (i32.mul
            (local.get $back)
            (i32.const 32)))
        (local.set $back
          (i32.sub
            (local.get $slot)
            (i32.const 2)))
        (local.set $back
          (select
            (i32.add
              (local.get $back)
              (i32.const 17))
            (local.get $back)
            (i32.lt_s
              (local.get $back)
              (i32.const 0))))
        (local.set $backRow2
          (i32.mul
            (local.get $back)
            (i32.const 32)))
        (local.set $backNorm2
          (i32.mul
            (local.get $back)
            (i32.const 16)))
        (local.set $back
          (i32.sub
            (local.get $slot)
            (i32.const 4)))
        (local.set $back
          (select
            (i32.add
              (local.get $back)
              (i32.const 17))
            (local.get $back)
            (i32.lt_s
              (local.get $back)
              (i32.const 0))))
        (local.set $backRow4
          (i32.mul
            (local.get $back)
            (i32.const 32)))
        (local.set $backNorm4
          (i32.mul
            (local.get $back)
            (i32.const 16)))
        (local.set $back
          (i32.sub
            (local.get $slot)
            (i32.const 8)))
        (local.set $back
          (select
            (i32.add
              (local.get $back)
              (i32.const 17))
            (local.get $back)
            (i32.lt_s
              (local.get $back)
              (i32.const 0))))
        (local.set $backRow8
          (i32.mul
            (local.get $back)
            (i32.const 32)))
        (local.set $backNorm8
          (i32.mul
            (local.get $back)
            (i32.const 16)))
        (local.set $back
          (i32.sub
            (local.get $slot)
            (i32.const 16)))
        (local.set $back
          (select
            (i32.add
              (local.get $back)
              (i32.const 17))
            (local.get $back)
            (i32.lt_s
              (local.get $back)
              (i32.const 0))))
        (local.set $backRow16
          (i32.mul
            (local.get $back)
            (i32.const 32)))
        (local.set $backNorm16
          (i32.mul
            (local.get $back)
            (i32.const 16)))
        (local.set $t6
          (f64x2.mul
            (local.get $grad0)
            (local.get $grad0)))
        (local.set $t7
          (f64x2.mul
            (local.get $grad1)
            (local.get $grad1)))
        (local.set $t8
          (f64x2.add
            (local.get $t6)
            (local.get $t7)))
        (local.set $t9
          (f64x2.mul
            (local.get $theta0)
            (local.get $theta0)))
        (local.set $t10
          (f64x2.mul
            (local.get $theta1)
            (local.get $theta1)))
        (local.set $t11
          (f64x2.add
            (local.get $t9)
            (local.get $t10)))
        (local.set $norm_1
          (f64x2.sqrt
            (local.get $t11)))
        (local.set $t12
          (f64x2.add
            (v128.const i32x4 0x00000000 0x3ff00000 0x00000000 0x3ff00000)
            (local.get $norm_1)))
        (local.set $t13
          (f64x2.mul
            (v128.const i32x4 0xe2308c3a 0x3e45798e 0xe2308c3a 0x3e45798e)
            (local.get $t12)))
        (local.set $t14
          (f64x2.mul
            (local.get $t13)
            (local.get $t13)))
        (local.set $t15
          (f64x2.mul
            (local.get $t14)
            (v128.const i32x4 0x00400000 0x3ff00000 0x00400000 0x3ff00000)))
        (local.set $t16
          (v128.load offset=112 align=8
            (i32.const 0)))
        (local.set $t17
          (f64x2.le
            (local.get $loss)
            (local.get $t16)))
        (local.set $t18
          (f64x2.lt
            (local.get $t8)
            (v128.const i32x4 0x00000000 0x7ff00000 0x00000000 0x7ff00000)))
        (local.set $t19
          (v128.and
            (local.get $t17)
            (local.get $t18)))
        (local.set $t20
          (f64x2.le
            (local.get $t11)
            (v128.const i32x4 0xa18b95ad 0x426d1a94 0xa18b95ad 0x426d1a94)))
        (local.set $t21
          (v128.and
            (local.get $t19)
            (local.get $t20)))
        (local.set $t22
          (v128.load offset=144 align=8
            (i32.const 0)))
        (local.set $gradAbove
          (f64x2.gt
            (local.get $t8)
            (local.get $t22)))
        (local.set $t23
          (v128.and
            (local.get $t21)
            (local.get $gradAbove)))
        (local.set $t24
          (v128.load offset=1184 align=8
            (local.get $backNorm2)))
        (block $B2
          (local.set $t25
            (v128.load offset=368 align=8
              (local.get $backRow2)))
          (local.set $t26
            (f64x2.sub
              (local.get $theta0)
              (local.get $t25)))
          (local.set $t27
            (f64x2.mul
              (local.get $t26)
              (local.get $t26)))
          (local.set $t28
            (v128.load offset=384 align=8
              (local.get $backRow2)))
          (local.set $t29
            (f64x2.sub
              (local.get $theta1)
              (local.get $t28)))
          (local.set $t30
            (f64x2.mul
              (local.get $t29)
              (local.get $t29)))
          (local.set $t31
            (f64x2.add
              (local.get $t27)
              (local.get $t30)))
          (local.set $distance
            (local.get $t31))
          (local.set $t32
            (f64x2.gt
              (local.get $t31)
              (local.get $t24)))
          (local.set $outside
            (local.get $t32)))
        (local.set $t33
          (v128.and
            (local.get $t23)
            (local.get $outside)))
        (local.set $t34
          (v128.load offset=1184 align=8
            (local.get $backNorm4)))
        (block $B3
          (local.set $t35
            (v128.load offset=368 align=8
              (local.get $backRow4)))
          (local.set $t36
            (f64x2.sub
              (local.get $theta0)
              (local.get $t35)))
          (local.set $t37
            (f64x2.mul
              (local.get $t36)
              (local.get $t36)))
          (local.set $t38
            (v128.load offset=384 align=8
              (local.get $backRow4)))
          (local.set $t39
            (f64x2.sub
              (local.get $theta1)
              (local.get $t38)))
          (local.set $t40
            (f64x2.mul
              (local.get $t39)
              (local.get $t39)))
          (local.set $t41
            (f64x2.add
              (local.get $t37)
              (local.get $t40)))
          (local.set $distance_1
            (local.get $t41))
          (local.set $t42
            (f64x2.gt
              (local.get $t41)
              (local.get $t34)))
          (local.set $outside_1
            (local.get $t42)))
        (local.set $t43
          (v128.and
            (local.get $t33)
            (local.get $outside_1)))
        (local.set $t44
          (v128.load offset=1184 align=8
            (local.get $backNorm8)))
        (block $B4
          (local.set $t45
            (v128.load offset=368 align=8
              (local.get $backRow8)))
          (local.set $t46
            (f64x2.sub
              (local.get $theta0)
              (local.get $t45)))
          (local.set $t47
            (f64x2.mul
              (local.get $t46)
              (local.get $t46)))
          (local.set $t48
            (v128.load offset=384 align=8
              (local.get $backRow8)))
          (local.set $t49
            (f64x2.sub
              (local.get $theta1)
              (local.get $t48)))
          (local.set $t50
            (f64x2.mul
              (local.get $t49)
              (local.get $t49)))
          (local.set $t51
            (f64x2.add
              (local.get $t47)
              (local.get $t50)))
          (local.set $distance_2
            (local.get $t51))
          (local.set $t52
            (f64x2.gt
              (local.get $t51)
              (local.get $t44)))
          (local.set $outside_2
            (local.get $t52)))
        (local.set $t53
          (v128.and
            (local.get $t43)
            (local.get $outside_2)))
        (local.set $t54
          (v128.load offset=1184 align=8
            (local.get $backNorm16)))
        (block $B5
          (local.set $t55
            (v128.load offset=368 align=8
              (local.get $backRow16)))
          (local.set $t56
            (f64x2.sub
              (local.get $theta0)
              (local.get $t55)))
          (local.set $t57
            (f64x2.mul
              (local.get $t56)
              (local.get $t56)))
          (local.set $t58
            (v128.load offset=384 align=8
              (local.get $backRow16)))
          (local.set $t59
            (f64x2.sub
              (local.get $theta1)
              (local.get $t58)))
          (local.set $t60
            (f64x2.mul
              (local.get $t59)
              (local.get $t59)))
          (local.set $t61
            (f64x2.add
              (local.get $t57)
              (local.get $t60)))
          (local.set $distance_3
            (local.get $t61))
          (local.set $t62
            (f64x2.gt
              (local.get $t61)
              (local.get $t54)))
          (local.set $outside_3
            (local.get $t62)))
        (local.set $t63
          (v128.and
            (local.get $t53)
            (local.get $outside_3)))
        (local.set $t64
          (v128.load offset=304 align=8
            (i32.const 0)))
        (local.set $idle
          (f64x2.gt
            (local.get $t64)
            (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)))
        (local.set $plain
          (v128.or
            (local.get $t63)
            (local.get $idle)))
        (if $I6
          (i64x2.all_true
            (local.get $plain))
          (then
            (if $I7
              (local.get $dirty)
              (then
                (v128.store offset=160 align=8
                  (i32.const 0)
                  (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000))
                (v128.store offset=176 align=8
                  (i32.const 0)
                  (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000))
                (v128.store offset=192 align=8
                  (i32.const 0)
                  (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000))
                (v128.store offset=208 align=8
                  (i32.const 0)
                  (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000))
                (v128.store offset=224 align=8
                  (i32.const 0)
                  (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000))
                (local.set $dirty
                  (i32.const 0)))))
          (else
            (local.set $t65
              (v128.load offset=160 align=8
                (i32.const 0)))
            (local.set $t66
              (v128.load offset=176 align=8
                (i32.const 0)))
            (local.set $t67
              (v128.load offset=192 align=8
                (i32.const 0)))
            (local.set $t68
              (v128.load offset=208 align=8
                (i32.const 0)))
            (local.set $t69
              (v128.load offset=224 align=8
                (i32.const 0)))
            (local.set $t70
              (v128.load offset=240 align=8
                (i32.const 0)))
            (local.set $t71
              (v128.load offset=256 align=8
                (i32.const 0)))
            (local.set $t72
              (v128.load offset=272 align=8
                (i32.const 0)))
            (local.set $t73
              (v128.load offset=288 align=8
                (i32.const 0)))
            (local.set $t74
              (f64x2.abs
                (local.get $theta0)))
            (local.set $t75
              (f64x2.le
                (local.get $t74)
                (v128.const i32x4 0x00000000 0x412e8480 0x00000000 0x412e8480)))
            (local.set $t76
              (f64x2.abs
                (local.get $theta1)))
            (local.set $t77
              (f64x2.le
                (local.get $t76)
                (v128.const i32x4 0x00000000 0x412e8480 0x00000000 0x412e8480)))
            (local.set $t78
              (v128.and
                (local.get $t75)
                (local.get $t77)))
            (local.set $t79
              (v128.and
                (local.get $t19)
                (local.get $t78)))
            (local.set $t80
              (v128.not
                (local.get $t79)))
            (local.set $t81
              (v128.load offset=128 align=8
                (i32.const 0)))
            (local.set $gradBelow
              (f64x2.le
                (local.get $t8)
                (local.get $t81)))
            (local.set $t82
              (f64x2.add
                (local.get $t65)
                (v128.const i32x4 0x00000000 0x3ff00000 0x00000000 0x3ff00000)))
            (local.set $t83
              (v128.and
                (local.get $t82)
                (local.get $gradBelow)))
            (local.set $t84
              (v128.or
                (local.get $gradBelow)
                (local.get $gradAbove)))
            (local.set $t85
              (v128.not
                (local.get $t84)))
            (local.set $t86
              (f64x2.ge
                (local.get $t83)
                (v128.const i32x4 0x00000000 0x40240000 0x00000000 0x40240000)))
            (local.set $t87
              (v128.and
                (local.get $gradBelow)
                (local.get $t86)))
            (local.set $t88
              (v128.or
                (local.get $t87)
                (local.get $t85)))
            (local.set $t89
              (v128.or
                (local.get $t80)
                (local.get $t88)))
            (local.set $t90
              (v128.load offset=912 align=8
                (local.get $backNorm2)))
            (local.set $t91
              (f64x2.add
                (v128.const i32x4 0x00000000 0x3ff00000 0x00000000 0x3ff00000)
                (local.get $t90)))
            (local.set $t92
              (f64x2.mul
                (v128.const i32x4 0xe2308c3a 0x3e45798e 0xe2308c3a 0x3e45798e)
                (local.get $t91)))
            (local.set $t93
              (f64x2.mul
                (local.get $t92)
                (local.get $t92)))
            (local.set $t94
              (f64x2.lt
                (local.get $t93)
                (v128.const i32x4 0x00000000 0x7ff00000 0x00000000 0x7ff00000)))
            (local.set $t95
              (f64x2.mul
                (local.get $t93)
                (v128.const i32x4 0xff800000 0x3fefffff 0xff800000 0x3fefffff)))
            (local.set $t96
              (v128.and
                (local.get $t94)
                (local.get $t95)))
            (local.set $t97
              (f64x2.le
                (local.get $distance)
                (local.get $t96)))
            (local.set $within0
              (v128.andnot
                (local.get $t97)
                (local.get $outside)))
            (local.set $t98
              (v128.or
                (local.get $within0)
                (local.get $outside)))
            (local.set $t99
              (v128.not
                (local.get $t98)))
            (local.set $t100
              (v128.or
                (local.get $t89)
                (local.get $t99)))
            (local.set $t101
              (f64x2.eq
                (local.get $t66)
                (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)))
            (local.set $t102
              (v128.and
                (local.get $within0)
                (local.get $t101)))
            (local.set $t103
              (f64x2.add
                (local.get $t66)
                (v128.const i32x4 0x00000000 0x3ff00000 0x00000000 0x3ff00000)))
            (local.set $t104
              (f64x2.eq
                (local.get $t103)
                (v128.const i32x4 0x00000000 0x40594000 0x00000000 0x40594000)))
            (local.set $t105
              (v128.and
                (local.get $within0)
                (local.get $t104)))
            (local.set $t106
              (v128.or
                (local.get $t102)
                (local.get $t105)))
            (local.set $t107
              (v128.load offset=912 align=8
                (local.get $backNorm4)))
            (local.set $t108
              (f64x2.add
                (v128.const i32x4 0x00000000 0x3ff00000 0x00000000 0x3ff00000)
                (local.get $t107)))
            (local.set $t109
              (f64x2.mul
                (v128.const i32x4 0xe2308c3a 0x3e45798e 0xe2308c3a 0x3e45798e)
                (local.get $t108)))
            (local.set $t110
              (f64x2.mul
                (local.get $t109)
                (local.get $t109)))
            (local.set $t111
              (f64x2.lt
                (local.get $t110)
                (v128.const i32x4 0x00000000 0x7ff00000 0x00000000 0x7ff00000)))
            (local.set $t112
              (f64x2.mul
                (local.get $t110)
                (v128.const i32x4 0xff800000 0x3fefffff 0xff800000 0x3fefffff)))
            (local.set $t113
              (v128.and
                (local.get $t111)
                (local.get $t112)))
            (local.set $t114
              (f64x2.le
                (local.get $distance_1)
                (local.get $t113)))
            (local.set $within1
              (v128.andnot
                (local.get $t114)
                (local.get $outside_1)))
            (local.set $t115
              (v128.or
                (local.get $within1)
                (local.get $outside_1)))
            (local.set $t116
              (v128.not
                (local.get $t115)))
            (local.set $t117
              (v128.or
                (local.get $t100)
                (local.get $t116)))
            (local.set $t118
              (f64x2.eq
                (local.get $t67)
                (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)))
            (local.set $t119
              (v128.and
                (local.get $within1)
                (local.get $t118)))
            (local.set $t120
              (f64x2.add
                (local.get $t67)
                (v128.const i32x4 0x00000000 0x3ff00000 0x00000000 0x3ff00000)))
            (local.set $t121
              (f64x2.eq
                (local.get $t120)
                (v128.const i32x4 0x00000000 0x40594000 0x00000000 0x40594000)))
            (local.set $t122
              (v128.and
                (local.get $within1)
                (local.get $t121)))
            (local.set $t123
              (v128.or
                (local.get $t119)
                (local.get $t122)))
            (local.set $t124
              (v128.or
                (local.get $t106)
                (local.get $t123)))
            (local.set $t125
              (v128.load offset=912 align=8
                (local.get $backNorm8)))
            (local.set $t126
              (f64x2.add
                (v128.const i32x4 0x00000000 0x3ff00000 0x00000000 0x3ff00000)
                (local.get $t125)))
            (local.set $t127
              (f64x2.mul
                (v128.const i32x4 0xe2308c3a 0x3e45798e 0xe2308c3a 0x3e45798e)
                (local.get $t126)))
            (local.set $t128
              (f64x2.mul
                (local.get $t127)
                (local.get $t127)))
            (local.set $t129
              (f64x2.lt
                (local.get $t128)
                (v128.const i32x4 0x00000000 0x7ff00000 0x00000000 0x7ff00000)))
            (local.set $t130
              (f64x2.mul
                (local.get $t128)
                (v128.const i32x4 0xff800000 0x3fefffff 0xff800000 0x3fefffff)))
            (local.set $t131
              (v128.and
                (local.get $t129)
                (local.get $t130)))
            (local.set $t132
              (f64x2.le
                (local.get $distance_2)
                (local.get $t131)))
            (local.set $within2
              (v128.andnot
                (local.get $t132)
                (local.get $outside_2)))
            (local.set $t133
              (v128.or
                (local.get $within2)
                (local.get $outside_2)))
            (local.set $t134
              (v128.not
                (local.get $t133)))
            (local.set $t135
              (v128.or
                (local.get $t117)
                (local.get $t134)))
            (local.set $t136
              (f64x2.eq
                (local.get $t68)
                (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)))
            (local.set $t137
              (v128.and
                (local.get $within2)
                (local.get $t136)))
            (local.set $t138
              (f64x2.add
                (local.get $t68)
                (v128.const i32x4 0x00000000 0x3ff00000 0x00000000 0x3ff00000)))
            (local.set $t139
              (f64x2.eq
                (local.get $t138)
                (v128.const i32x4 0x00000000 0x405a4000 0x00000000 0x405a4000)))
            (local.set $t140
              (v128.and
                (local.get $within2)
                (local.get $t139)))
            (local.set $t141
              (v128.or
                (local.get $t137)
                (local.get $t140)))
            (local.set $t142
              (v128.or
                (local.get $t124)
                (local.get $t141)))
            (local.set $t143
              (v128.load offset=912 align=8
                (local.get $backNorm16)))
            (local.set $t144
              (f64x2.add
                (v128.const i32x4 0x00000000 0x3ff00000 0x00000000 0x3ff00000)
                (local.get $t143)))
            (local.set $t145
              (f64x2.mul
                (v128.const i32x4 0xe2308c3a 0x3e45798e 0xe2308c3a 0x3e45798e)
                (local.get $t144)))
            (local.set $t146
              (f64x2.mul
                (local.get $t145)
                (local.get $t145)))
            (local.set $t147
              (f64x2.lt
                (local.get $t146)
                (v128.const i32x4 0x00000000 0x7ff00000 0x00000000 0x7ff00000)))
            (local.set $t148
              (f64x2.mul
                (local.get $t146)
                (v128.const i32x4 0xff800000 0x3fefffff 0xff800000 0x3fefffff)))
            (local.set $t149
              (v128.and
                (local.get $t147)
                (local.get $t148)))
            (local.set $t150
              (f64x2.le
                (local.get $distance_3)
                (local.get $t149)))
            (local.set $within3
              (v128.andnot
                (local.get $t150)
                (local.get $outside_3)))
            (local.set $t151
              (v128.or
                (local.get $within3)
                (local.get $outside_3)))
            (local.set $t152
              (v128.not
                (local.get $t151)))
            (local.set $t153
              (v128.or
                (local.get $t135)
                (local.get $t152)))
            (local.set $t154
              (f64x2.eq
                (local.get $t69)
                (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)))
            (local.set $t155
              (v128.and
                (local.get $within3)
                (local.get $t154)))
            (local.set $t156
              (f64x2.add
                (local.get $t69)
                (v128.const i32x4 0x00000000 0x3ff00000 0x00000000 0x3ff00000)))
            (local.set $t157
              (f64x2.eq
                (local.get $t156)
                (v128.const i32x4 0x00000000 0x405c4000 0x00000000 0x405c4000)))
            (local.set $t158
              (v128.and
                (local.get $within3)
                (local.get $t157)))
            (local.set $t159
              (v128.or
                (local.get $t155)
                (local.get $t158)))
            (local.set $t160
              (v128.or
                (local.get $t142)
                (local.get $t159)))
            (if $I8
              (v128.any_true
                (local.get $t160))
              (then
                (local.set $t161
                  (v128.load offset=368 align=8
                    (local.get $previousRow)))
                (local.set $t162
                  (f64x2.sub
                    (local.get $theta0)
                    (local.get $t161)))
                (local.set $t163
                  (v128.load offset=384 align=8
                    (local.get $previousRow)))
                (local.set $t164
                  (f64x2.sub
                    (local.get $theta1)
                    (local.get $t163)))
                (local.set $t165
                  (f64x2.mul
                    (local.get $t162)
                    (local.get $t162)))
                (local.set $t166
                  (f64x2.mul
                    (local.get $t164)
                    (local.get $t164)))
                (local.set $t167
                  (f64x2.add
                    (local.get $t165)
                    (local.get $t166)))
                (local.set $t168
                  (f64x2.sqrt
                    (local.get $t167)))
                (local.set $step1
                  (local.get $t168))))
            (local.set $t169
              (v128.bitselect
                (local.get $step1)
                (local.get $t70)
                (local.get $t102)))
            (local.set $t170
              (f64x2.add
                (v128.const i32x4 0x00000000 0x3ff00000 0x00000000 0x3ff00000)
                (local.get $norm_1)))
            (local.set $t171
              (f64x2.mul
                (v128.const i32x4 0xeb1c432d 0x3f1a36e2 0xeb1c432d 0x3f1a36e2)
                (local.get $t170)))
            (local.set $t172
              (f64x2.gt
                (local.get $step1)
                (local.get $t171)))
            (local.set $t173
              (f64x2.mul
                (v128.const i32x4 0x7ae147ae 0x3fefae14 0x7ae147ae 0x3fefae14)
                (local.get $t169)))
            (local.set $t174
              (f64x2.ge
                (local.get $step1)
                (local.get $t173)))
            (local.set $t175
              (v128.and
                (local.get $t172)
                (local.get $t174)))
            (local.set $t176
              (v128.and
                (local.get $t105)
                (local.get $t175)))
            (local.set $t177
              (v128.or
                (local.get $t153)
                (local.get $t176)))
            (local.set $t178
              (v128.andnot
                (local.get $within0)
                (local.get $t105)))
            (local.set $t179
              (v128.and
                (local.get $t103)
                (local.get $t178)))
            (local.set $t180
              (v128.bitselect
                (local.get $step1)
                (local.get $t71)
                (local.get $t119)))
            (local.set $t181
              (f64x2.add
                (v128.const i32x4 0x00000000 0x3ff00000 0x00000000 0x3ff00000)
                (local.get $norm_1)))
            (local.set $t182
              (f64x2.mul
                (v128.const i32x4 0xeb1c432d 0x3f1a36e2 0xeb1c432d 0x3f1a36e2)
                (local.get $t181)))
            (local.set $t183
              (f64x2.gt
                (local.get $step1)
                (local.get $t182)))
            (local.set $t184
              (f64x2.mul
                (v128.const i32x4 0x7ae147ae 0x3fefae14 0x7ae147ae 0x3fefae14)
                (local.get $t180)))
            (local.set $t185
              (f64x2.ge
                (local.get $step1)
                (local.get $t184)))
            (local.set $t186
              (v128.and
                (local.get $t183)
                (local.get $t185)))
            (local.set $t187
              (v128.and
                (local.get $t122)
                (local.get $t186)))
            (local.set $t188
              (v128.or
                (local.get $t177)
                (local.get $t187)))
            (local.set $t189
              (v128.andnot
                (local.get $within1)
                (local.get $t122)))
            (local.set $t190
              (v128.and
                (local.get $t120)
                (local.get $t189)))
            (local.set $t191
              (v128.bitselect
                (local.get $step1)
                (local.get $t72)
                (local.get $t137)))
            (local.set $t192
              (f64x2.add
                (v128.const i32x4 0x00000000 0x3ff00000 0x00000000 0x3ff00000)
                (local.get $norm_1)))
            (local.set $t193
              (f64x2.mul
                (v128.const i32x4 0xeb1c432d 0x3f1a36e2 0xeb1c432d 0x3f1a36e2)
                (local.get $t192)))
            (local.set $t194
              (f64x2.gt
                (local.get $step1)
                (local.get $t193)))
            (local.set $t195
              (f64x2.mul
                (v128.const i32x4 0x7ae147ae 0x3fefae14 0x7ae147ae 0x3fefae14)
                (local.get $t191)))
            (local.set $t196
              (f64x2.ge
                (local.get $step1)
                (local.get $t195)))
            (local.set $t197
              (v128.and
                (local.get $t194)
                (local.get $t196)))
            (local.set $t198
              (v128.and
                (local.get $t140)
                (local.get $t197)))
            (local.set $t199
              (v128.or
                (local.get $t188)
                (local.get $t198)))
            (local.set $t200
              (v128.andnot
                (local.get $within2)
                (local.get $t140)))
            (local.set $t201
              (v128.and
                (local.get $t138)
                (local.get $t200)))
            (local.set $t202
              (v128.bitselect
                (local.get $step1)
                (local.get $t73)
                (local.get $t155)))
            (local.set $t203
              (f64x2.add
                (v128.const i32x4 0x00000000 0x3ff00000 0x00000000 0x3ff00000)
                (local.get $norm_1)))
            (local.set $t204
              (f64x2.mul
                (v128.const i32x4 0xeb1c432d 0x3f1a36e2 0xeb1c432d 0x3f1a36e2)
                (local.get $t203)))
            (local.set $t205
              (f64x2.gt
                (local.get $step1)
                (local.get $t204)))
            (local.set $t206
              (f64x2.mul
                (v128.const i32x4 0x7ae147ae 0x3fefae14 0x7ae147ae 0x3fefae14)
                (local.get $t202)))
            (local.set $t207
              (f64x2.ge
                (local.get $step1)
                (local.get $t206)))
            (local.set $t208
              (v128.and
                (local.get $t205)
                (local.get $t207)))
            (local.set $t209
              (v128.and
                (local.get $t158)
                (local.get $t208)))
            (local.set $t210
              (v128.or
                (local.get $t199)
                (local.get $t209)))
            (local.set $t211
              (v128.andnot
                (local.get $within3)
                (local.get $t158)))
            (local.set $t212
              (v128.and
                (local.get $t156)
                (local.get $t211)))
            (local.set $t213
              (v128.andnot
                (local.get $t210)
                (local.get $idle)))
            (br_if $B0
              (v128.any_true
                (local.get $t213)))
            (v128.store offset=160 align=8
              (i32.const 0)
              (local.get $t83))
            (v128.store offset=176 align=8
              (i32.const 0)
              (local.get $t179))
            (v128.store offset=192 align=8
              (i32.const 0)
              (local.get $t190))
            (v128.store offset=208 align=8
              (i32.const 0)
              (local.get $t201))
            (v128.store offset=224 align=8
              (i32.const 0)
              (local.get $t212))
            (v128.store offset=240 align=8
              (i32.const 0)
              (local.get $t169))
            (v128.store offset=256 align=8
              (i32.const 0)
              (local.get $t180))
            (v128.store offset=272 align=8
              (i32.const 0)
              (local.get $t191))
            (v128.store offset=288 align=8
              (i32.const 0)
              (local.get $t202))
            (local.set $dirty
              (i32.const 1))))
        (local.set $eta
          (v128.load offset=96 align=8
            (i32.const 0)))
        (v128.store offset=368 align=8
          (local.get $row)
          (local.get $theta0))
        (v128.store offset=384 align=8
          (local.get $row)
          (local.get $theta1))
        (v128.store offset=912 align=8
          (local.get $norm)
          (local.get $norm_1))
        (v128.store offset=1184 align=8
          (local.get $norm)
          (local.get $t15))
        (local.set $t214
          (f64x2.pmin
            (local.get $lossMin)
            (local.get $loss)))
        (local.set $lossMin
          (local.get $t214))
        (local.set $t215
          (f64x2.mul
            (local.get $eta)
            (local.get $grad0)))
        (local.set $t216
          (f64x2.sub
            (local.get $theta0)
            (local.get $t215)))
        (local.set $t217
          (f64x2.mul
            (local.get $eta)
            (local.get $grad1)))
        (local.set $t218
          (f64x2.sub
            (local.get $theta1)
            (local.get $t217)))
        (local.set $theta0
          (local.get $t216))
        (local.set $theta1
          (local.get $t218))
        (local.set $t219
          (f64x2.mul
            (local.get $theta1)
            (local.get $theta0)))
        (local.set $prefix2_0
          (f64x2.add
            (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
            (local.get $t219)))
        (local.set $t220
          (f64x2.mul
            (local.get $prefix2_0)
            (v128.const i32x4 0x00000000 0x3ff00000 0x00000000 0x3ff00000)))
        (local.set $q_0
          (f64x2.add
            (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
            (local.get $t220)))
        (local.set $t221
          (f64x2.mul
            (local.get $prefix2_0)
            (local.get $q_0)))
        (local.set $pq
          (f64x2.add
            (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
            (local.get $t221)))
        (local.set $t222
          (f64x2.mul
            (local.get $prefix2_0)
            (v128.const i32x4 0x00000000 0x3ff00000 0x00000000 0x3ff00000)))
        (local.set $pc
          (f64x2.add
            (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
            (local.get $t222)))
        (local.set $back2_0
          (f64x2.sub
            (local.get $q_0)
            (v128.const i32x4 0x00000000 0x3ff00000 0x00000000 0x3ff00000)))
        (local.set $t223
          (f64x2.mul
            (local.get $back2_0)
            (local.get $theta0)))
        (local.set $grad_1
          (f64x2.add
            (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
            (local.get $t223)))
        (local.set $t224
          (f64x2.mul
            (local.get $theta1)
            (local.get $back2_0)))
        (local.set $grad_0
          (f64x2.add
            (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
            (local.get $t224)))
        (local.set $t225
          (f64x2.mul
            (v128.const i32x4 0x00000000 0x3fe00000 0x00000000 0x3fe00000)
            (local.get $pq)))
        (local.set $t226
          (f64x2.sub
            (local.get $t225)
            (local.get $pc)))
        (local.set $loss_1
          (f64x2.add
            (local.get $t226)
            (v128.const i32x4 0x00000000 0x3fe00000 0x00000000 0x3fe00000)))
        (local.set $loss
          (local.get $loss_1))
        (local.set $grad0
          (local.get $grad_0))
        (local.set $grad1
          (local.get $grad_1))
        (local.set $slot
          (i32.add
            (local.get $slot)
            (i32.const 1)))
        (local.set $slot
          (select
            (i32.const 0)
            (local.get $slot)
            (i32.eq
              (local.get $slot)
              (i32.const 17))))
        (local.set $taken
          (i32.add
            (local.get $taken)
            (i32.const 1)))
        (br $L1)))
    (v128.store align=8
      (i32.const 0)
      (local.get $theta0))
    (v128.store offset=16 align=8
      (i32.const 0)
      (local.get $theta1))
    (v128.store offset=32 align=8
      (i32.const 0)
      (local.get $grad0))
    (v128.store offset=48 align=8
      (i32.const 0)
      (local.get $grad1))
    (v128.store offset=64 align=8
      (i32.const 0)
      (local.get $loss))
    (v128.store offset=80 align=8
      (i32.const 0)
      (local.get $lossMin))
    (local.get $taken))
  (memory $memory (export "memory") 1))
